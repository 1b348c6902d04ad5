import type { Store } from '../../store';

const DUE = 'access:grant-work:due';
const claimKey = (grantId: string) => `access:grant-work:claim:${grantId}`;

/**
 * Grants with asynchronous work outstanding (cds-wg3-01 §6: `pending` data preparation, §4.11
 * `needs_sub_grants` parents), in the store so every facade process sees the same list. Each Grant is
 * claimed with set-if-absent before it is worked on, so two processes never run the same Grant at
 * once; a claim expires by itself if its process dies mid-way.
 */
export class GrantWorkSchedule {
  constructor(private readonly store: Store, private readonly claimSeconds = 60) {}

  /** (Re)schedules work on a Grant at `atMs`. */
  async schedule(grantId: string, atMs: number): Promise<void> {
    await this.store.zadd(DUE, atMs, grantId);
  }

  /** Up to `limit` Grants whose work is due at `nowMs`, earliest first. */
  due(nowMs: number, limit: number): Promise<string[]> {
    return this.store.zrangeByScore(DUE, { min: 0, max: nowMs, limit });
  }

  async scheduledAt(grantId: string): Promise<number | null> {
    return this.store.zscore(DUE, grantId);
  }

  /** Nothing more to do for this Grant. */
  async done(grantId: string): Promise<void> {
    await this.store.zrem(DUE, grantId);
  }

  /** True when this caller now owns the Grant's work; false when another process does. */
  claim(grantId: string, owner: string): Promise<boolean> {
    return this.store.set(claimKey(grantId), owner, { onlyIfAbsent: true, ttlSeconds: this.claimSeconds });
  }

  async release(grantId: string): Promise<void> {
    await this.store.del(claimKey(grantId));
  }
}
