import type { NewMessage, UpdateRequest } from '../messages';
import type { Wg1Urls } from '../metadata/urls';

/**
 * The Message that tracks changes to a Client Object held for the Server's review (cds-wg1-02
 * §5.5): a pending `field_changes` naming the Client, applied or dropped when the operator answers.
 */
export function fieldChangesMessage(clientId: string, updates: UpdateRequest[], urls: Wg1Urls): Omit<NewMessage, 'registration_id'> {
  return {
    type: 'field_changes', status: 'pending',
    name: 'Client Object changes under review',
    description: `The Server reviews these changes to Client Object ${clientId} before applying them.`,
    updates_requested: updates, related_uri: urls.client(clientId), related_type: 'client',
  };
}
