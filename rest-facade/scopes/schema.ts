import { z } from 'zod';

/** Choice object (cds-wg1-02 §3.10). */
export const choiceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  documentation: z.url(),
});
export type Choice = z.infer<typeof choiceSchema>;

/** Authorization Details Field formats (§3.9); extensible (§10), so unknown strings are kept. */
export const ADF_FORMATS = [
  'int', 'decimal', 'string', 'string_or_null', 'string_list', 'string_list_or_null', 'boolean',
  'relative_or_absolute_date', 'relative_or_absolute_datetime', 'choice', 'choice_or_null',
  'choice_list', 'choice_list_or_null', 'jwk_or_null',
] as const;

/** Authorization Details Field object (§3.8). `maximum`/`minimum`/`default` vary by format. */
export const authorizationDetailsFieldSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  description: z.string(),
  documentation: z.url(),
  for_types: z.array(z.string()).min(1),
  format: z.string(),
  is_required: z.boolean(),
  default: z.unknown().optional(),
  maximum: z.unknown().optional(),
  minimum: z.unknown().optional(),
  choices: z.array(choiceSchema).optional(),
});
export type AuthorizationDetailsField = z.infer<typeof authorizationDetailsFieldSchema>;

/** Scope Description object (§3.4): every field REQUIRED. */
export const scopeDescriptionSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  name: z.string(),
  description: z.string(),
  documentation: z.url(),
  registration_requirements: z.array(z.string()),
  registration_optional: z.array(z.string()),
  response_types_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  code_challenge_methods_supported: z.array(z.string()),
  coverages_supported: z.array(z.string()),
  grant_admin_scope: z.string().nullable(),
  authorization_details_types_supported: z.array(z.string()),
  authorization_details_fields_supported: z.array(authorizationDetailsFieldSchema),
});
export type ScopeDescription = z.infer<typeof scopeDescriptionSchema>;

/** Registration Field types (§3.6). */
export const REGISTRATION_FIELD_TYPES = [
  'registration_field', 'internal_review', 'payment_required', 'email_verification',
  'sso_verification', 'pdf_form', 'online_form',
] as const;
export type RegistrationFieldType = (typeof REGISTRATION_FIELD_TYPES)[number];

/** Registration Field formats (§3.7). */
export const REGISTRATION_FIELD_FORMATS = [
  'string', 'string_or_null', 'string_list', 'string_list_or_null', 'url', 'url_or_null',
  'email', 'email_or_null', 'boolean', 'boolean_or_null', 'image', 'image_or_null', 'pdf',
  'pdf_or_null', 'choice', 'choice_or_null', 'choice_list', 'choice_list_or_null',
] as const;

/** A decimal kept as its exact JSON number text (§2). */
export const decimalTextSchema = z.string().regex(/^-?(0|[1-9]\d*)(\.\d+)?$/, 'a decimal number');

/** Registration Field object (§3.5). `amount` is a decimal held as text. */
export const registrationFieldSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  description: z.string(),
  documentation: z.url(),
  field_name: z.string().startsWith('cds_').optional(),
  format: z.string().optional(),
  default: z.unknown().optional(),
  max_length: z.number().int().min(0).optional(),
  max_size: z.number().int().min(0).optional(),
  amount: decimalTextSchema.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  choices: z.array(choiceSchema).optional(),
});
export type RegistrationField = z.infer<typeof registrationFieldSchema>;
