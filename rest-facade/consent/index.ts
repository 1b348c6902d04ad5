/**
 * The customer pages of cds-wg3-01 §9: sign-in, the Authorization Form at the OAuth hand-off
 * (`/authorize/<request id>`), the error pages, the Authorization Receipt with revocation, the
 * Server's default redirect_uri and the `cds_test_accounts` page.
 *
 *   createConsentRouter(context: FacadeContext, deps: ConsentDeps): Router
 *       mount before the facade's generic form parser (it parses its own, larger forms)
 *   consentAuthorizationPages(config, deps): AuthorizationPages  the branded Invalid Request page
 *   GrantSelections                                            the customer's choice per Grant (read by the access resolver)
 *   cisIdentityProvider(cisUrl): IdentityProvider             sign-in against the CIS online profiles
 */
import express, { Router } from 'express';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../lib/config';
import type { FacadeContext } from '../app';
import type { GraphClient } from '../graph';
import type { AuthorizationPages } from '../oauth';
import { ASSETS_PATH, brandingFromSettings, type Branding } from './branding';
import type { ConsentContext } from './context';
import { consentErrorPages } from './errorPages';
import { GrantSelections } from './grantSelections';
import { customerGraphLoader, describeResourcesWith } from './customerGraph';
import type { IdentityProvider } from './login/identity';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleOptions } from './login/throttle';
import { HANDOFF_PATH } from './handoff';
import { CONSENT_PATHS } from './paths';
import type { TestAccountSource } from './ports';
import { outboxNotifier, type Notifier } from './receipts/notify';
import { Receipts } from './receipts/receipts';
import { sendPage } from './respond';
import { defaultRedirectRoutes } from './routes/defaultRedirect';
import { formRoutes } from './routes/form';
import { loginRoutes } from './routes/login';
import { receiptRoutes } from './routes/receipts';
import { testAccountsRoutes } from './routes/testAccounts';
import { Sessions } from './session/sessions';
import { invalidRequestPage } from './views/messagePages';

export { cisIdentityProvider, type AuthenticatedCustomer, type IdentityProvider } from './login/identity';
export { GrantSelections, type GrantSelectionRecord, type SectionSelection } from './grantSelections';
export type { TestAccount, TestAccountSource } from './ports';
export type { Branding } from './branding';
export { CONSENT_PATHS } from './paths';

export interface ConsentDeps {
  graph: GraphClient;
  identity: IdentityProvider;
  testAccounts: TestAccountSource;
  branding?: Partial<Branding>;
  notifier?: Notifier;
  throttle?: ThrottleOptions;
}

const ASSETS_DIR = fileURLToPath(new URL('./static', import.meta.url));
const FORM_PARAMETER_LIMIT = 20_000;
const FORM_BODY_LIMIT = 1024 * 1024;

function brandingOf(config: Config, deps: Pick<ConsentDeps, 'branding'>): Branding {
  return { ...brandingFromSettings(config), ...deps.branding };
}

/** The authorize endpoint's own error page (§9.3.2), branded like the other customer pages. */
export function consentAuthorizationPages(config: Config, deps: Pick<ConsentDeps, 'branding'> = {}): AuthorizationPages {
  const branding = brandingOf(config, deps);
  return {
    invalidRequest(res, problem) {
      sendPage(res, 400, invalidRequestPage(`${problem.error}: ${problem.description}`, branding));
    },
  };
}

export function createConsentRouter(facade: FacadeContext, deps: ConsentDeps): Router {
  const { config, store, log, clock } = facade;
  const branding = brandingOf(config, deps);
  const sessions = new Sessions(store, {
    idleSeconds: config.CONSENT_SESSION_IDLE_MINUTES * 60,
    absoluteSeconds: 12 * 3600,
    secureCookie: config.PUBLIC_URL.startsWith('https:'),
    now: clock,
  });
  const loadCustomerGraph = customerGraphLoader(deps.graph, deps.identity, clock);
  const ctx: ConsentContext = {
    config, store, log, clock, branding, sessions,
    throttle: new LoginThrottle(store, deps.throttle ?? DEFAULT_THROTTLE),
    receipts: new Receipts(store),
    notifier: deps.notifier ?? outboxNotifier(store, log),
    identity: deps.identity,
    testAccounts: deps.testAccounts,
    loadCustomerGraph,
    describeResources: describeResourcesWith(loadCustomerGraph, clock),
    flow: {
      pending: (id) => facade.oauth.getPendingAuthorization(id),
      complete: (id, outcome) => facade.oauth.completeAuthorization(id, outcome),
    },
    clients: facade.repos.clients,
    grants: facade.repos.grants,
    scopes: facade.scopes,
    selections: new GrantSelections(store),
  };

  const router = Router();
  router.use(ASSETS_PATH, express.static(ASSETS_DIR, { maxAge: '1h', index: false }));
  // The pages' own HTML forms: a selection list can be long, so the parameter limit is the list's.
  router.use([CONSENT_PATHS.login, CONSENT_PATHS.logout, HANDOFF_PATH, CONSENT_PATHS.receipts], express.urlencoded({
    extended: false, limit: FORM_BODY_LIMIT, parameterLimit: FORM_PARAMETER_LIMIT, type: 'application/x-www-form-urlencoded',
  }));
  router.use(testAccountsRoutes(ctx));
  router.use(loginRoutes(ctx));
  router.use(formRoutes(ctx));
  router.use(receiptRoutes(ctx));
  router.use(defaultRedirectRoutes(ctx));
  router.use(consentErrorPages(branding, log));
  return router;
}
