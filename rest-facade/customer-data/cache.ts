import { createHash } from 'node:crypto';
import { canonicalJson } from '../grants';
import type { PersistedOperation } from '../graph';
import { getJson, setJson, type Store } from '../store';

/** How often the cache answered, for metrics and tests. */
export interface CacheStats {
  hits: number;
  misses: number;
}

/**
 * Graph operation results in the store (Redis, or the embedded store), keyed by the operation and
 * its exact variables — which carry the grant's id sets, windows and include flags, so two tokens
 * share an entry only when they asked the very same question. Entries are the plaintext data as
 * the gateway returned it, never an encrypted response; `synced` inside them stays the time the
 * data was read from the legacy system, i.e. the fill time (cds-wg3-01 §2 `cds_synced`).
 * Concurrent misses for one key in a process share one graph call.
 */
export class OperationCache {
  readonly stats: CacheStats = { hits: 0, misses: 0 };
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly options: { enabled?: boolean; prefix?: string } = {},
  ) {}

  private get prefix(): string {
    return this.options.prefix ?? 'customer-data:operation:';
  }

  key(operation: PersistedOperation<unknown>, variables: Record<string, unknown>): string {
    const digest = createHash('sha256').update(operation.hash).update('\n').update(canonicalJson(variables)).digest('base64url');
    return `${this.prefix}${operation.name}:${digest}`;
  }

  async through<T>(
    operation: PersistedOperation<T>,
    variables: Record<string, unknown>,
    ttlSeconds: number,
    load: () => Promise<T>,
  ): Promise<T> {
    if (ttlSeconds <= 0 || this.options.enabled === false) return load();
    const key = this.key(operation as PersistedOperation<unknown>, variables);
    const cached = await getJson<{ data: T }>(this.store, key);
    if (cached) {
      this.stats.hits++;
      return cached.data;
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    this.stats.misses++;
    const loading = (async () => {
      const data = await load();
      await setJson(this.store, key, { data }, { ttlSeconds });
      return data;
    })();
    this.inFlight.set(key, loading);
    try {
      return await loading;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
