import type { Store, StoreOp } from '../store';
import { Collection } from '../registration/collection';
import { isoAt, nextModified, type Clock } from '../registration/clock';
import { newId } from '../registration/ids';
import type { Cursor, Page } from '../registration/keyset';
import { ALLOWED_STATUSES, messageRecordSchema, type MessageRecord } from './schema';

/** The three overlapping lists of a Messages listing (§6.8). */
export const SEGMENTS = ['outstanding', 'unread', 'read'] as const;
export type Segment = (typeof SEGMENTS)[number];

export type NewMessage = Omit<MessageRecord, 'message_id' | 'created' | 'modified' | 'read' | 'creator' | 'previous_id'> & {
  creator?: string | null;
  /** Defaults: Server-created Messages start unread (§6.1), Client-created ones read (§6.9). */
  read?: boolean;
  previous_id?: string | null;
};

export type MessageChanges = Partial<Pick<MessageRecord, 'read' | 'status' | 'related_uri' | 'related_type' | 'description'>>;

/** Messages (§6), one registration's conversation with the Server. */
export class MessageRepository {
  readonly collection: Collection<MessageRecord>;

  constructor(store: Store, private readonly clock: Clock) {
    this.collection = new Collection(store, {
      kind: 'message',
      schema: messageRecordSchema,
      id: (m) => m.message_id,
      registration: (m) => m.registration_id,
      sortKey: (m) => m.modified,
      indexes: (m) => [
        ...(m.status === 'open' || m.status === 'pending' ? ['outstanding'] : []),
        m.read ? 'read' : 'unread',
      ],
    });
  }

  build(input: NewMessage): MessageRecord {
    if (!ALLOWED_STATUSES[input.type].includes(input.status)) throw new Error(`a ${input.type} cannot be ${input.status} (§6.3)`);
    const now = isoAt(this.clock());
    const creator = input.creator ?? null;
    return messageRecordSchema.parse({
      ...input,
      message_id: newId(),
      previous_id: input.previous_id ?? null,
      creator,
      read: input.read ?? creator !== null,
      created: now,
      modified: now,
    });
  }

  /** The batch that stores a new Message (to join a larger atomic write). */
  createOps(input: NewMessage): { record: MessageRecord; ops: StoreOp[] } {
    const record = this.build(input);
    return { record, ops: this.collection.writeOps(record) };
  }

  create(input: NewMessage): Promise<MessageRecord> {
    return this.collection.put(this.build(input));
  }

  get(messageId: string): Promise<MessageRecord | null> {
    return this.collection.get(messageId);
  }

  async getOwned(registrationId: string, messageId: string): Promise<MessageRecord | null> {
    const message = await this.collection.get(messageId);
    return message?.registration_id === registrationId ? message : null;
  }

  /** The batch that stores a changed Message; `modified` advances (A36), so it moves up its lists. */
  updateOps(previous: MessageRecord, changes: MessageChanges): { record: MessageRecord; ops: StoreOp[] } {
    const record = { ...previous, ...changes, modified: nextModified(this.clock, previous.modified) };
    if (!ALLOWED_STATUSES[record.type].includes(record.status)) throw new Error(`a ${record.type} cannot be ${record.status} (§6.3)`);
    return { record, ops: this.collection.writeOps(record, previous) };
  }

  async update(previous: MessageRecord, changes: MessageChanges): Promise<MessageRecord> {
    const { record, ops } = this.updateOps(previous, changes);
    await this.collection.store.atomically(ops);
    return record;
  }

  /** §6.8: one list, newest `modified` first; `message_ids` filters. */
  list(registrationId: string, segment: Segment, filters: { message_ids?: string[] }, cursor: Cursor | null, limit: number): Promise<Page<MessageRecord>> {
    const ids = filters.message_ids && new Set(filters.message_ids);
    return this.collection.page(registrationId, segment, cursor, limit, ids ? (m) => ids.has(m.message_id) : undefined);
  }

  ofRegistration(registrationId: string): Promise<MessageRecord[]> {
    return this.collection.all(registrationId);
  }
}
