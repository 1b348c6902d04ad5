import { getJson, type Store } from '../store';
import { opaqueValue, storageId } from './opaque';

interface Held<T> {
  exp: number;
  value: T;
}

/**
 * Short-lived values reached by an unguessable handle: pushed authorization requests (RFC 9126)
 * and authorization requests waiting for the customer. Stored under the handle's hash; expiry is
 * checked against the injected clock as well as enforced by the store's TTL.
 */
export class RequestHandles<T> {
  constructor(
    private readonly store: Store,
    private readonly prefix: string,
    readonly lifetimeSeconds: number,
    private readonly nowSeconds: () => number,
  ) {}

  private key(handle: string) {
    return `${this.prefix}:${storageId(handle)}`;
  }

  async put(value: T, handle = opaqueValue()): Promise<string> {
    const held: Held<T> = { exp: this.nowSeconds() + this.lifetimeSeconds, value };
    await this.store.set(this.key(handle), JSON.stringify(held), { ttlSeconds: this.lifetimeSeconds });
    return handle;
  }

  async get(handle: string): Promise<T | null> {
    const held = await getJson<Held<T>>(this.store, this.key(handle));
    return held && held.exp > this.nowSeconds() ? held.value : null;
  }

  /** Reads and deletes at once: of concurrent takers, exactly one gets the value. */
  async take(handle: string): Promise<T | null> {
    const raw = await this.store.take(this.key(handle));
    if (raw === null) return null;
    const held = JSON.parse(raw) as Held<T>;
    return held.exp > this.nowSeconds() ? held.value : null;
  }
}
