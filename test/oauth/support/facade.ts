import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { configSchema, type Config } from '../../../lib/config';
import type { Logger } from '../../../lib/logger';
import { createFacade, type Facade } from '../../../rest-facade/app';
import { MemoryStore, RedisStore, type Store } from '../../../rest-facade/store';

/** Every log line a facade wrote, as text, so tests can search it for secrets. */
export class CapturedLog {
  readonly lines: string[] = [];
  readonly logger: Logger;

  constructor() {
    const sink = new Writable({
      write: (chunk, _enc, done) => { this.lines.push(String(chunk)); done(); },
    });
    this.logger = pino({ level: 'debug' }, sink);
  }

  get text(): string {
    return this.lines.join('');
  }
}

export interface RunningFacade {
  url: string;
  facade: Facade;
  store: Store;
  log: CapturedLog;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Record<string, string>> = {}): Config {
  const parsed = configSchema.parse({
    PORT: '0',
    RATE_LIMIT_ANONYMOUS: '100000',
    RATE_LIMIT_CLIENT: '100000',
    RATE_LIMIT_AUTH_FAILURES: '100000',
    ...overrides,
  });
  return {
    ...parsed,
    INTERNAL_API_TOKEN: 'internal-token-for-tests-only',
    ADMIN_API_TOKEN: 'admin-token-for-tests-only-000',
    PUBLIC_URL: overrides.PUBLIC_URL ?? 'http://127.0.0.1',
  };
}

export type StoreKind = 'memory' | 'redis';

export function makeStore(kind: StoreKind, redisUrl: string, prefix = `oauth-test:${randomUUID()}:`): Store {
  return kind === 'memory' ? new MemoryStore() : new RedisStore(redisUrl, { keyPrefix: prefix });
}

/**
 * A facade listening on 127.0.0.1:0 over real HTTP. PUBLIC_URL is the real listening URL so the
 * issuer and endpoint URLs in metadata and tokens are reachable.
 */
export async function startFacade(options: {
  store: Store;
  config?: Partial<Record<string, string>>;
  clock?: () => number;
}): Promise<RunningFacade> {
  const log = new CapturedLog();
  const host = express();
  const server: Server = host.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const facade = createFacade({
    config: testConfig({ PUBLIC_URL: url, ...options.config }),
    store: options.store,
    log: log.logger,
    clock: options.clock,
  });
  host.use(facade.app);
  return {
    url,
    facade,
    store: options.store,
    log,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
