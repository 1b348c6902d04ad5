import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import type { RateLimiter } from '../plugins/useRateLimit';
import type { ScopeRegistry } from '../scopes';
import type { Store } from '../store';
import type { AuthorizationRequest } from './authorizationRequest';
import type { CodeStore } from './codes';
import type { Directory } from './directory';
import type { HeldAuthorization } from './pendingAuthorizations';
import type { RequestHandles } from './requestHandles';
import type { SigningKey } from './signingKey';
import type { TokenStore } from './tokens';

/** What every OAuth endpoint is built from. */
export interface OAuthDeps {
  config: Config;
  store: Store;
  log: Logger;
  limiter: RateLimiter;
  /** Milliseconds since the epoch. */
  clock: () => number;
  directory: Directory;
  scopes: ScopeRegistry;
  tokens: TokenStore;
  codes: CodeStore;
  /** Pushed authorization requests by request_uri handle (RFC 9126). */
  par: RequestHandles<AuthorizationRequest>;
  /** Authorization requests waiting for the customer, by hand-off id. */
  pending: RequestHandles<HeldAuthorization>;
  signingKey: () => Promise<SigningKey>;
  /** `iss` of every token and the RFC 8414 issuer: the public base URL. */
  issuer: string;
}

export const nowSeconds = (deps: Pick<OAuthDeps, 'clock'>) => Math.floor(deps.clock() / 1000);
