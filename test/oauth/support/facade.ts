import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { configSchema, type Config } from '../../../lib/config';
import type { Logger } from '../../../lib/logger';
import { createFacade, type Facade } from '../../../rest-facade/app';
import { errorHandler } from '../../../rest-facade/errors';
import type { TokenAuth } from '../../../rest-facade/oauth';
import type { ScopeSettings } from '../../../rest-facade/scopes';
import { MemoryStore, RedisStore, type Store } from '../../../rest-facade/store';
import { testScopeSettings } from './registration';

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
  scopeSettings?: ScopeSettings;
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
    scopeSettings: options.scopeSettings ?? testScopeSettings(url),
  });
  host.use('/probe', probeRouter(facade));
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

/** What a probe endpoint reports about `req.auth`. */
export function summarize(auth: TokenAuth) {
  return {
    clientId: auth.clientId,
    registrationId: auth.registrationId,
    credentialId: auth.credentialId,
    scope: auth.scope,
    grantIds: auth.grants.map((g) => g.grant_id),
    accessGrantIds: auth.accessGrants.map((g) => g.grant_id),
    grantAdminOf: auth.grantAdminOf,
  };
}

/**
 * Endpoints guarded by `requireToken` the way the management and data APIs use it, so the bearer
 * middleware is exercised over HTTP independently of any one API.
 */
function probeRouter(facade: Facade) {
  const { oauth, log } = facade.context;
  const router = express.Router();
  router.get('/admin', oauth.requireToken({ anyScope: ['cds_client_admin'] }), (req, res) => { res.json(summarize(req.auth!)); });
  router.get('/granted', oauth.requireToken({ accept: (auth) => auth.grantAdminOf !== null || auth.scopes.includes('example_usage') }), (req, res) => { res.json(summarize(req.auth!)); });
  router.get('/any', oauth.requireToken(), (req, res) => { res.json(summarize(req.auth!)); });
  router.use(errorHandler(log));
  return router;
}
