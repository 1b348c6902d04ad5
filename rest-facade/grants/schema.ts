import { z } from 'zod';

/** GrantStatus (cds-wg1-02 §8.2). */
export const GRANT_STATUSES = [
  'active', 'future', 'pending', 'partial', 'needs_authorization', 'needs_sub_grants', 'disabled',
  'suspended', 'revoked', 'closed', 'expired', 'delayed', 'stopped', 'errored',
] as const;
export const grantStatusSchema = z.enum(GRANT_STATUSES);
export type GrantStatus = z.infer<typeof grantStatusSchema>;

/** Statuses in which a Grant gives no access at all (§8.2); every other status serves what is enabled. */
export const NO_ACCESS_STATUSES: ReadonlySet<GrantStatus> = new Set(['future', 'disabled', 'suspended', 'revoked', 'closed', 'expired']);

export const authorizationDetailSchema = z.looseObject({ type: z.string().min(1) });

/** How a Grant came to be: a user's authorization, a client_credentials token request, or the Server. */
export const GRANT_ORIGINS = ['authorization_code', 'client_credentials', 'server'] as const;

/** A Grant as stored: related Grants by id (rendered as URLs where §8.1 wants URLs). */
export const grantRecordSchema = z.object({
  grant_id: z.string(),
  registration_id: z.string(),
  client_id: z.string(),
  origin: z.enum(GRANT_ORIGINS),
  /** The customer who authorized it (authorization_code), else null. */
  subject: z.string().nullable(),
  replacing: z.array(z.string()),
  replaced_by: z.array(z.string()),
  parent: z.string().nullable(),
  children: z.array(z.string()),
  created: z.string(),
  modified: z.string(),
  not_before: z.string().nullable(),
  not_after: z.string().nullable(),
  eta: z.string().nullable(),
  expires: z.string().nullable(),
  status: grantStatusSchema,
  scope: z.string(),
  authorization_details: z.array(authorizationDetailSchema),
  states: z.array(z.string()),
  receipt_confirmations: z.array(z.string()),
  enabled_scope: z.string(),
  enabled_authorization_details: z.array(authorizationDetailSchema),
});
export type GrantRecord = z.infer<typeof grantRecordSchema>;

const datetime = z.iso.datetime({ offset: true });

/** The Grant object of §8.1 (every field REQUIRED). */
export const grantObjectSchema = z.looseObject({
  grant_id: z.string(),
  uri: z.url(),
  replacing: z.array(z.url()),
  replaced_by: z.array(z.url()),
  parent: z.string().nullable(),
  children: z.array(z.string()),
  created: datetime,
  modified: datetime,
  not_before: datetime.nullable(),
  not_after: datetime.nullable(),
  eta: datetime.nullable(),
  expires: datetime.nullable(),
  status: grantStatusSchema,
  client_id: z.string(),
  scope: z.string(),
  authorization_details: z.array(authorizationDetailSchema),
  states: z.array(z.string()),
  receipt_confirmations: z.array(z.string()),
  enabled_scope: z.string(),
  enabled_authorization_details: z.array(authorizationDetailSchema),
});
export type GrantObject = z.infer<typeof grantObjectSchema>;

export const grantListingSchema = z.object({
  grants: z.array(grantObjectSchema),
  next: z.url().nullable(),
  previous: z.url().nullable(),
});
