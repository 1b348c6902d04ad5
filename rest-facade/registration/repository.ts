import { z } from 'zod';
import type { Store, StoreOp } from '../store';
import { indexMember, pageOf, storeIndex, type Cursor, type Page } from './keyset';

/**
 * One registration (§4): what was asked for and accepted. Every Client, Credential, Grant and
 * Message carries its `registration_id`; a token of one registration never reaches another's.
 */
export const registrationRecordSchema = z.object({
  registration_id: z.string(),
  created: z.string(),
  client_name: z.string().nullable(),
  /** The accepted scopes of the request (§4.1). */
  scopes: z.array(z.string()),
  /** Scopes accepted later through a reviewed Client change (§5.5). */
  added_scopes: z.array(z.string()),
  admin_client_id: z.string(),
  /** The submitted registration_field values, keyed by field_name. */
  registration_fields: z.record(z.string(), z.unknown()),
});
export type RegistrationRecord = z.infer<typeof registrationRecordSchema>;

const ALL = 'wg1:registrations';

export class RegistrationRepository {
  constructor(private readonly store: Store) {}

  private key(id: string) {
    return `wg1:registration:${id}`;
  }

  private parse(raw: string | null): RegistrationRecord | null {
    if (raw === null) return null;
    const parsed = registrationRecordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  writeOps(record: RegistrationRecord): StoreOp[] {
    return [
      { op: 'set', key: this.key(record.registration_id), value: JSON.stringify(registrationRecordSchema.parse(record)) },
      { op: 'zadd', key: ALL, score: 0, member: indexMember(record.created, record.registration_id) },
    ];
  }

  async put(record: RegistrationRecord): Promise<void> {
    await this.store.atomically(this.writeOps(record));
  }

  async get(id: string): Promise<RegistrationRecord | null> {
    return this.parse(await this.store.get(this.key(id)));
  }

  /** Every registration, newest first (the operator's view). */
  list(cursor: Cursor | null, limit: number): Promise<Page<RegistrationRecord>> {
    return pageOf({
      source: storeIndex(this.store, ALL),
      cursor,
      limit,
      member: (r) => indexMember(r.created, r.registration_id),
      load: async (members) => (await this.store.mget(members.map((m) => this.key(m.slice(m.indexOf('|') + 1))))).map((raw) => this.parse(raw)),
    });
  }

  async allIds(): Promise<string[]> {
    const members = await this.store.zrangeByLex(ALL, { min: '-', max: '+' });
    return members.map((m) => m.slice(m.indexOf('|') + 1));
  }
}
