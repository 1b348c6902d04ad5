import type { Store } from '../store';
import { Collection } from '../registration/collection';
import type { Cursor, Page } from '../registration/keyset';
import { clientRecordSchema, type ClientRecord } from './schema';

export interface ClientFilters {
  client_ids?: string[];
}

/** Client Objects (§5), each owned by the registration that created it. */
export class ClientRepository {
  readonly collection: Collection<ClientRecord>;

  constructor(store: Store) {
    this.collection = new Collection(store, {
      kind: 'client',
      schema: clientRecordSchema,
      id: (c) => c.client_id,
      registration: (c) => c.registration_id,
      sortKey: (c) => c.cds_modified,
    });
  }

  get(clientId: string): Promise<ClientRecord | null> {
    return this.collection.get(clientId);
  }

  /** A Client only if it belongs to `registrationId` (a token never reaches another registration's objects). */
  async getOwned(registrationId: string, clientId: string): Promise<ClientRecord | null> {
    const client = await this.collection.get(clientId);
    return client?.registration_id === registrationId ? client : null;
  }

  ofRegistration(registrationId: string): Promise<ClientRecord[]> {
    return this.collection.all(registrationId);
  }

  /** §5.3: newest `cds_modified` first; `client_ids` filters. */
  list(registrationId: string, filters: ClientFilters, cursor: Cursor | null, limit: number): Promise<Page<ClientRecord>> {
    const ids = filters.client_ids && new Set(filters.client_ids);
    return this.collection.page(registrationId, 'all', cursor, limit, ids ? (c) => ids.has(c.client_id) : undefined);
  }
}
