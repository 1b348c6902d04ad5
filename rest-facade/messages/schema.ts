import { z } from 'zod';
import { decimalTextSchema } from '../scopes';

/** ClientMessageType (cds-wg1-02 §6.2). */
export const MESSAGE_TYPES = [
  'notification', 'private_message', 'production_request', 'support_request', 'grant_request',
  'field_changes', 'server_request', 'client_submission', 'payment_request', 'online_form_request',
  'pdf_form_request', 'request_update',
] as const;
export const messageTypeSchema = z.enum(MESSAGE_TYPES);
export type MessageType = z.infer<typeof messageTypeSchema>;

/** ClientMessageStatus (§6.3). */
export const MESSAGE_STATUSES = ['complete', 'open', 'pending', 'rejected', 'errored'] as const;
export const messageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** The type/status combinations §6.3 allows. */
export const ALLOWED_STATUSES: Record<MessageType, readonly MessageStatus[]> = {
  notification: ['complete'],
  private_message: ['complete'],
  client_submission: ['complete'],
  production_request: ['complete', 'pending', 'rejected'],
  support_request: ['complete', 'pending'],
  grant_request: ['complete', 'pending', 'rejected'],
  field_changes: ['complete', 'pending', 'rejected', 'errored'],
  server_request: ['complete', 'open', 'pending', 'rejected', 'errored'],
  payment_request: ['complete', 'open', 'pending', 'rejected', 'errored'],
  online_form_request: ['complete', 'open', 'pending', 'rejected', 'errored'],
  pdf_form_request: ['complete', 'open', 'pending', 'rejected', 'errored'],
  request_update: ['complete', 'open', 'pending', 'rejected', 'errored'],
};

/** Message types whose status a `request_update` may carry (§6.2). */
export const UPDATABLE_REQUEST_TYPES: readonly MessageType[] = [
  'production_request', 'support_request', 'grant_request', 'server_request', 'client_submission',
  'payment_request', 'online_form_request', 'pdf_form_request',
];

/** ClientMessageRelatedType (§6.4). */
export const RELATED_TYPES = [
  'more_info', 'documentation', 'support', 'online_form', 'pdf_form', 'payment_form', 'payment_receipt',
  'client_list', 'client', 'grant_list', 'grant', 'message_list', 'message', 'credential_list', 'credential',
] as const;
export const relatedTypeSchema = z.enum(RELATED_TYPES);
export type RelatedType = z.infer<typeof relatedTypeSchema>;

/** ClientUpdateRequest (§6.5). `previous_value`/`new_value` are any JSON. */
export const updateRequestSchema = z.looseObject({
  field: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  uri: z.url().optional(),
  previous_value: z.unknown().optional(),
  new_value: z.unknown().optional(),
});
export type UpdateRequest = z.infer<typeof updateRequestSchema>;

/** ClientGrantRequest (§6.6). */
export const grantRequestSchema = z.looseObject({
  scope: z.string(),
  authorization_details: z.array(z.looseObject({ type: z.string().min(1) })),
});
export type GrantRequest = z.infer<typeof grantRequestSchema>;

/** MessageAttachment (§6.7). */
export const attachmentSchema = z.object({
  filename: z.string().min(1).max(255),
  mime_type: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a MIME type'),
  data: z.base64(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** A Message as stored: the message it replies to by id; `amount` as exact decimal text. */
export const messageRecordSchema = z.object({
  message_id: z.string(),
  registration_id: z.string(),
  previous_id: z.string().nullable(),
  type: messageTypeSchema,
  read: z.boolean(),
  creator: z.string().nullable(),
  created: z.string(),
  modified: z.string(),
  status: messageStatusSchema,
  name: z.string(),
  description: z.string(),
  updates_requested: z.array(updateRequestSchema).optional(),
  grants_requested: z.array(grantRequestSchema).optional(),
  attachments: z.array(attachmentSchema).optional(),
  related_uri: z.string().nullable().optional(),
  related_type: relatedTypeSchema.optional(),
  amount: decimalTextSchema.optional(),
  currency: z.string().optional(),
});
export type MessageRecord = z.infer<typeof messageRecordSchema>;

const datetime = z.iso.datetime({ offset: true });

/** The Message object of §6.1 (`amount` is checked as a number token by the tests' JSON parse). */
export const messageObjectSchema = z.looseObject({
  message_id: z.string(),
  uri: z.url(),
  previous_uri: z.url().nullable(),
  type: messageTypeSchema,
  read: z.boolean(),
  creator: z.string().nullable(),
  created: datetime,
  modified: datetime,
  status: messageStatusSchema,
  name: z.string(),
  description: z.string(),
  updates_requested: z.array(updateRequestSchema).optional(),
  grants_requested: z.array(grantRequestSchema).optional(),
  attachments: z.array(attachmentSchema).optional(),
  related_uri: z.url().nullable().optional(),
  related_type: relatedTypeSchema.optional(),
  amount: z.unknown().optional(),
  currency: z.string().optional(),
}).refine((m) => ALLOWED_STATUSES[m.type].includes(m.status), 'status not allowed for this type (§6.3)')
  .refine((m) => !m.related_uri || m.related_type !== undefined, 'related_type is required with related_uri (§6.1)');
export type MessageObject = z.infer<typeof messageObjectSchema>;

const segment = z.array(messageObjectSchema);
const link = z.url().nullable();
export const messageListingSchema = z.object({
  outstanding: segment, outstanding_next: link, outstanding_previous: link,
  unread: segment, unread_next: link, unread_previous: link,
  read: segment, read_next: link, read_previous: link,
});
