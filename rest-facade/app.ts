import express, { type Express } from 'express';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import { createAccessServices, type AccessConnections, type AccessServices } from './access';
import { errorHandler, notFoundHandler } from './errors';
import { AUTHORIZATION_HANDOFF_PATH, consentPagesMissing, createAuthorizationServer, type AuthorizationServer } from './oauth';
import { useJsonBody } from './plugins/useBodyParsing';
import { createMetrics, type Metrics } from './plugins/useMetrics';
import { RateLimiter, type RateLimits } from './plugins/useRateLimit';
import { useRequestId } from './plugins/useRequestId';
import { useRequestLogging } from './plugins/useRequestLogging';
import { createDirectory, createRegistrationRouter, createWg1Repositories, type Wg1Repositories } from './registration';
import { createAdminRouter } from './admin';
import { createClientsRouter } from './clients/router';
import { consentAuthorizationPages, createConsentRouter, type ConsentDeps } from './consent';
import { createCredentialsRouter } from './credentials/router';
import { createCustomerDataRouter } from './customer-data';
import { createFilesRouter } from './files/router';
import { createGrantsRouter } from './grants/router';
import { createMessagesRouter } from './messages/router';
import { createMetadataRouter, loadWg1Settings } from './metadata';
import { openApiRouter } from './openapi';
import './openapi/productEndpoints';
import { createScopeRegistry, type ScopeRegistry, type ScopeSettings } from './scopes';
import type { Store } from './store';

export interface FacadeDeps {
  config: Config;
  store: Store;
  log: Logger;
  /** Milliseconds since the epoch; tests pass a movable clock to expire codes and tokens. */
  clock?: () => number;
  /** The scopes the deployment offers beyond the built-in ones; the demo defaults otherwise. */
  scopeSettings?: ScopeSettings;
  /** The customer pages' connections (identity provider, test customers, graph); absent = not installed. */
  consent?: ConsentDeps;
  /** The access resolver's connections (graph, customer directory); absent = no Customer Data access. */
  access?: AccessConnections;
}

/** What every router of the facade is built from. */
export interface FacadeContext {
  config: Config;
  store: Store;
  log: Logger;
  clock: () => number;
  metrics: Metrics;
  limiter: RateLimiter;
  scopes: ScopeRegistry;
  repos: Wg1Repositories;
  /** The authorization server: `oauth.requireToken(...)` guards the APIs. */
  oauth: AuthorizationServer;
  /** `access.resolver.resolve(req.auth)`: what a token may see through the Customer Data APIs. */
  access?: AccessServices;
}

export interface Facade {
  /** Mount with `app.use(facade.app)`; it answers every path it does not serve with a JSON 404. */
  app: Express;
  context: FacadeContext;
}

export function rateLimitsFrom(config: Config): RateLimits {
  const perMinute = (limit: number) => ({ limit, windowSeconds: 60 });
  return {
    anonymous: perMinute(config.RATE_LIMIT_ANONYMOUS),
    client: perMinute(config.RATE_LIMIT_CLIENT),
    credential: perMinute(config.RATE_LIMIT_CLIENT),
    authFailure: perMinute(config.RATE_LIMIT_AUTH_FAILURES),
  };
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * The REST facade's one assembly point: cross-cutting plugins first, then each part's router,
 * then the JSON 404 and the error handler. Each part is a router factory taking the context.
 */
export function createFacade(deps: FacadeDeps): Facade {
  const { config, store, log } = deps;
  const clock = deps.clock ?? Date.now;
  const limiter = new RateLimiter(store, rateLimitsFrom(config));
  const wg1Settings = loadWg1Settings(config.CDS_SETTINGS_FILE);
  const scopes = createScopeRegistry(config.PUBLIC_URL, deps.scopeSettings ?? wg1Settings.scopes, wg1Settings.coverage.map((c) => c.id), {
    timezone: config.CDS_TIMEZONE, clock,
  });
  const repos = createWg1Repositories(store, clock);
  const access = deps.access && createAccessServices({ store, log, clock, scopes, config, repos, connections: deps.access });
  const oauth = createAuthorizationServer({
    config, store, log, limiter, clock, scopes, directory: createDirectory(repos, access?.admit),
    pages: deps.consent && consentAuthorizationPages(config, deps.consent),
  });
  const context: FacadeContext = {
    config, store, log, clock, scopes, repos, oauth, limiter, metrics: createMetrics(), access,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  app.set('query parser', 'simple');

  app.use(useRequestId());
  app.use(useRequestLogging(log));
  app.use(context.metrics.middleware);
  app.get('/metrics', context.metrics.endpoint);
  app.use(context.limiter.anonymousPerIp());

  // OAuth protocol endpoints (token, PAR, authorize, revoke, introspect, JWKS) parse their own
  // form bodies, so they come before the JSON parser.
  app.use(oauth.router);

  // cds-wg1 discovery, registration, management and operator APIs parse their own JSON bodies
  // whatever the Content-Type (digest A44: `curl --data-raw` sends a form type), so they come
  // before the form parser too.
  app.use(createMetadataRouter(context));
  app.use(openApiRouter({ publicUrl: config.PUBLIC_URL }));
  app.use(createRegistrationRouter(context));
  app.use(createClientsRouter(context));
  app.use(createMessagesRouter(context));
  app.use(createCredentialsRouter(context));
  app.use(createGrantsRouter(context));
  app.use(createFilesRouter(context));
  app.use(createAdminRouter(context));

  // JSON for the APIs; HTML form posts are left to the pages that own them (their own limits).
  app.use(useJsonBody({ limit: config.BODY_LIMIT_BYTES }));

  // ── Mount points. Each part adds one line here: `app.use(createXRouter(context))`.
  // metadata (cds-wg1-01 + RFC 8414 ASM), registration (§4): see above the body parsers.
  // management APIs (Clients, Messages, Credentials, Grants, Server-Provided Files): see above.
  // consent pages (login, consent form, receipts):
  if (deps.consent) app.use(createConsentRouter(context, deps.consent));
  // Customer Data APIs (cds-wg3-01):
  if (deps.access) app.use(createCustomerDataRouter(context, { graph: deps.access.graph }).router);

  // Until the consent pages are mounted above, the authorization hand-off says so honestly.
  app.get(`${AUTHORIZATION_HANDOFF_PATH}/:requestId`, (_req, res) => consentPagesMissing(res));
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return { app, context };
}
