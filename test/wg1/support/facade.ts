import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { configSchema, type Config } from '../../../lib/config';
import { createFacade, type Facade } from '../../../rest-facade/app';
import type { ScopeSettings } from '../../../rest-facade/scopes';
import { MemoryStore, RedisStore, type Store } from '../../../rest-facade/store';

export type StoreKind = 'memory' | 'redis';

export function makeStore(kind: StoreKind, redisUrl: string): Store {
  return kind === 'memory' ? new MemoryStore() : new RedisStore(redisUrl, { keyPrefix: `wg1-test:${randomUUID()}:` });
}

export const ADMIN_API_TOKEN = 'wg1-admin-token-for-tests-only';

export interface RunningFacade {
  url: string;
  facade: Facade;
  store: Store;
  close(): Promise<void>;
}

/**
 * The whole facade on 127.0.0.1:0 over real HTTP; PUBLIC_URL is the listening URL, so every URL in
 * metadata and objects can be followed. Rate limits are lifted: the suites make many requests.
 */
export async function startFacade(options: {
  store: Store;
  config?: Record<string, string>;
  scopeSettings?: ScopeSettings;
  clock?: () => number;
}): Promise<RunningFacade> {
  const host = express();
  const server: Server = host.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const parsed = configSchema.parse({
    PORT: '0', RATE_LIMIT_ANONYMOUS: '100000', RATE_LIMIT_CLIENT: '100000', RATE_LIMIT_AUTH_FAILURES: '100000',
    ...options.config,
  });
  const config: Config = { ...parsed, PUBLIC_URL: url, INTERNAL_API_TOKEN: 'wg1-internal-token-for-tests', ADMIN_API_TOKEN };
  let facade: Facade;
  try {
    facade = createFacade({ config, store: options.store, log: pino({ level: 'silent' }), clock: options.clock, scopeSettings: options.scopeSettings });
  } catch (err) {
    server.close();
    await options.store.close();
    throw err;
  }
  host.use(facade.app);
  return {
    url,
    facade,
    store: options.store,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await options.store.close();
    },
  };
}
