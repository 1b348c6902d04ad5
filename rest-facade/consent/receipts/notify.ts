import type { Logger } from '../../../lib/logger';
import { setJson, type Store } from '../../store';

/** The receipt notification of cds-wg3-01 §9.4 (by email when an address is known). */
export interface ReceiptNotification {
  to: string;
  subject: string;
  text: string;
  confirmation_number: string;
  receipt_url: string;
  created: string;
}

export interface Notifier {
  send(notification: ReceiptNotification): Promise<void>;
}

/**
 * The default notifier: the demo has no mail server, so notifications go to an outbox in the store
 * (what a mail relay would pick up) and a log line without the receipt link (the link lets anyone
 * revoke, so it stays out of logs). A deployment plugs its mailer in here.
 */
export function outboxNotifier(store: Store, log: Logger): Notifier {
  return {
    async send(n) {
      await setJson(store, `consent:outbox:${n.confirmation_number}`, n, { ttlSeconds: 30 * 24 * 3600 });
      await store.zadd('consent:outbox', Date.parse(n.created), n.confirmation_number);
      log.info({ confirmation_number: n.confirmation_number }, 'receipt notification queued');
    },
  };
}
