import type { Wg1Urls } from '../metadata/urls';
import type { StoreOp } from '../store';
import type { MessageRepository } from './repository';
import type { MessageRecord } from './schema';

export type ChangeKind = 'client' | 'credential';
export type ChangeAction = 'added' | 'modified' | 'disabled';

const nouns: Record<ChangeKind, string> = { client: 'Client Object', credential: 'Credential' };

/**
 * The changelog Message every Client or Credential change after registration produces (§5.3, §7.3).
 * The type is unspecified (A24): a Server `private_message`, unread, linking the changed object.
 */
export function changelogOps(
  messages: MessageRepository, urls: Wg1Urls,
  change: { registrationId: string; kind: ChangeKind; id: string; action: ChangeAction; detail?: string },
): { record: MessageRecord; ops: StoreOp[] } {
  const noun = nouns[change.kind];
  return messages.createOps({
    registration_id: change.registrationId,
    type: 'private_message',
    status: 'complete',
    name: `${noun} ${change.id} ${change.action}`,
    description: change.detail ?? `${noun} ${change.id} was ${change.action}.`,
    related_uri: change.kind === 'client' ? urls.client(change.id) : urls.credential(change.id),
    related_type: change.kind,
  });
}
