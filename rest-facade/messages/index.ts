/**
 * Messages (cds-wg1-02 §6).
 *
 *   new MessageRepository(store, clock)
 *   messages.create(input: NewMessage): Promise<MessageRecord>   // Server-created: creator null, unread
 *   messages.update(previous, changes): Promise<MessageRecord>
 *   messages.list(registrationId, segment, { message_ids }, cursor, limit)
 */
export { MessageRepository, SEGMENTS, type MessageChanges, type NewMessage, type Segment } from './repository';
export { renderMessage } from './render';
export {
  ALLOWED_STATUSES, MESSAGE_STATUSES, MESSAGE_TYPES, RELATED_TYPES, UPDATABLE_REQUEST_TYPES,
  attachmentSchema, grantRequestSchema, messageListingSchema, messageObjectSchema, messageRecordSchema,
  messageStatusSchema, messageTypeSchema, relatedTypeSchema, updateRequestSchema,
  type Attachment, type GrantRequest, type MessageObject, type MessageRecord, type MessageStatus,
  type MessageType, type RelatedType, type UpdateRequest,
} from './schema';
