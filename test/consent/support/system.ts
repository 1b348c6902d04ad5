import { randomUUID } from 'node:crypto';
import { startAllInOne } from '../../../bin/allInOne';
import { loadConfig, type Config } from '../../../lib/config';
import { createLogger } from '../../../lib/logger';
import { RedisStore, type Store } from '../../../rest-facade/store';
import { freePort } from '../../support/redis';

export interface System {
  url: string;
  config: Config;
  /** The system's own Redis keyspace, to look at what it stored (Redis runs only). */
  store?: Store;
  close(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it (bin/allInOne.ts): legacy simulators with a small demo
 * utility, subgraphs, gateway and facade, on a free loopback port, optionally on a real Redis.
 */
export async function startSystem(o: { redisUrl?: string; env?: Record<string, string> } = {}): Promise<System> {
  const port = await freePort();
  const keyPrefix = `consent-${randomUUID()}:`;
  const url = `http://127.0.0.1:${port}`;
  const { config } = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DEMO_ACCOUNTS: '60',
    DEMO_SEED: 'consent-e2e',
    DEMO_AS_OF: '2026-04-30',
    LOG_LEVEL: 'silent',
    // One browser fetches pages and assets quickly from 127.0.0.1; the per-IP limit is tested elsewhere.
    RATE_LIMIT_ANONYMOUS: '100000',
    ...(o.redisUrl ? { REDIS_URL: o.redisUrl, REDIS_KEY_PREFIX: keyPrefix } : {}),
    ...o.env,
  });
  const system = await startAllInOne(config, createLogger('silent'));
  const store = o.redisUrl ? new RedisStore(o.redisUrl, { keyPrefix }) : undefined;
  return {
    url, config, store,
    close: async () => { await store?.close(); await system.close(); },
  };
}
