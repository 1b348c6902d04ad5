import { z } from 'zod';

/** CredentialType (cds-wg1-02 §7.2). */
export const CREDENTIAL_TYPES = ['client_secret'] as const;

/**
 * A Credential as stored: the secret only as a SHA-256 digest (a 256-bit random secret needs no
 * slow hash), plus its last characters so a masked value can still be matched by the Client.
 */
export const credentialRecordSchema = z.object({
  credential_id: z.string(),
  registration_id: z.string(),
  client_id: z.string(),
  created: z.string(),
  modified: z.string(),
  type: z.enum(CREDENTIAL_TYPES),
  secret_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  secret_hint: z.string(),
  /** Epoch seconds; 0 = never (RFC 7591). */
  client_secret_expires_at: z.number().int().min(0),
});
export type CredentialRecord = z.infer<typeof credentialRecordSchema>;

/** The Credential object of §7.1. */
export const credentialObjectSchema = z.looseObject({
  credential_id: z.string(),
  uri: z.url(),
  client_id: z.string(),
  created: z.iso.datetime({ offset: true }),
  modified: z.iso.datetime({ offset: true }),
  type: z.enum(CREDENTIAL_TYPES),
  client_secret: z.string(),
  client_secret_expires_at: z.number().int().min(0),
});
export type CredentialObject = z.infer<typeof credentialObjectSchema>;

export const credentialListingSchema = z.object({
  credentials: z.array(credentialObjectSchema),
  next: z.url().nullable(),
  previous: z.url().nullable(),
});
