import { z } from 'zod';

/** ClientStatus (cds-wg1-02 §5.2). */
export const CLIENT_STATUSES = ['production', 'sandbox', 'disabled'] as const;
export const clientStatusSchema = z.enum(CLIENT_STATUSES);
export type ClientStatus = z.infer<typeof clientStatusSchema>;

const authorizationDetailSchema = z.looseObject({ type: z.string().min(1) });

/**
 * A Client Object as stored. URLs (`cds_client_uri`, `cds_server_metadata`) are rendered from the
 * public base URL; `client_name: null` renders as the `client_id` (§5.1 default).
 */
export const clientRecordSchema = z.object({
  client_id: z.string(),
  registration_id: z.string(),
  client_id_issued_at: z.number().int(),
  scope: z.string(),
  redirect_uris: z.array(z.string()),
  token_endpoint_auth_method: z.string().nullable(),
  grant_types: z.array(z.string()),
  response_types: z.array(z.string()),
  client_name: z.string().nullable(),
  contacts: z.array(z.string()),
  authorization_details_types: z.array(z.string()),
  client_uri: z.string().optional(),
  logo_uri: z.string().optional(),
  tos_uri: z.string().optional(),
  policy_uri: z.string().optional(),
  cds_created: z.string(),
  cds_modified: z.string(),
  cds_status: clientStatusSchema,
  cds_status_options: z.array(clientStatusSchema),
  cds_default_scope: z.string().optional(),
  cds_default_redirect_uri: z.string().optional(),
  cds_default_authorization_details: z.array(authorizationDetailSchema).optional(),
  /** The Server-created receipt redirect_uri (§4.2), for Clients with response types. */
  default_redirect_uri: z.string().nullable(),
  /** Values submitted for `registration_field` RFs, keyed by `field_name` (shown as extra fields, §5.1). */
  registration_fields: z.record(z.string(), z.unknown()),
  /** The sandbox Client a production Client was approved from (§4.2). */
  production_of: z.string().nullable(),
});
export type ClientRecord = z.infer<typeof clientRecordSchema>;

/** The Client Object as the Clients API shows it (§5.1). Extra registration fields pass through. */
export const clientObjectSchema = z.looseObject({
  client_id: z.string(),
  client_id_issued_at: z.number().int(),
  scope: z.string(),
  redirect_uris: z.array(z.url()),
  token_endpoint_auth_method: z.string().nullable(),
  grant_types: z.array(z.string()),
  response_types: z.array(z.string()),
  client_name: z.string(),
  contacts: z.array(z.string()),
  authorization_details_types: z.array(z.string()),
  cds_created: z.iso.datetime({ offset: true }),
  cds_modified: z.iso.datetime({ offset: true }),
  cds_client_uri: z.url(),
  cds_status: clientStatusSchema,
  cds_status_options: z.array(clientStatusSchema),
  cds_server_metadata: z.url(),
  cds_default_scope: z.string().optional(),
  cds_default_redirect_uri: z.url().optional(),
  cds_default_authorization_details: z.array(authorizationDetailSchema).optional(),
});
export type ClientObject = z.infer<typeof clientObjectSchema>;

export const clientListingSchema = z.object({
  clients: z.array(clientObjectSchema),
  next: z.url().nullable(),
  previous: z.url().nullable(),
});
