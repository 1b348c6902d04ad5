import type { Wg1Urls } from '../metadata/urls';
import { JsonDecimal } from '../json';
import type { MessageRecord } from './schema';

/** The Message object of §6.1; optional members appear only when set. */
export function renderMessage(message: MessageRecord, urls: Wg1Urls): Record<string, unknown> {
  return {
    message_id: message.message_id,
    uri: urls.message(message.message_id),
    previous_uri: message.previous_id === null ? null : urls.message(message.previous_id),
    type: message.type,
    read: message.read,
    creator: message.creator,
    created: message.created,
    modified: message.modified,
    status: message.status,
    name: message.name,
    description: message.description,
    ...(message.updates_requested && { updates_requested: message.updates_requested }),
    ...(message.grants_requested && { grants_requested: message.grants_requested }),
    ...(message.attachments && { attachments: message.attachments }),
    ...(message.related_uri !== undefined && message.related_uri !== null && { related_uri: message.related_uri, related_type: message.related_type }),
    ...(message.amount !== undefined && { amount: new JsonDecimal(message.amount) }),
    ...(message.currency !== undefined && { currency: message.currency }),
  };
}
