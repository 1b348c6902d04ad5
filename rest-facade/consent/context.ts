import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import type { Store } from '../store';
import type { Branding } from './branding';
import type { IdentityProvider } from './login/identity';
import type { LoginThrottle } from './login/throttle';
import type { ClientRepository } from '../clients';
import type { GrantRepository } from '../grants';
import type { ScopeRegistry } from '../scopes';
import type { AuthorizationFlow, TestAccountSource } from './ports';
import type { Notifier } from './receipts/notify';
import type { Receipts } from './receipts/receipts';
import type { CustomerGraphLoader } from './customerGraph';
import type { GrantSelectionRecord, GrantSelections } from './grantSelections';
import type { ReceiptResource } from './receipts/receipt';
import type { Sessions } from './session/sessions';

/** Everything the consent routes share, built once by createConsentRouter. */
export interface ConsentContext {
  config: Config;
  store: Store;
  log: Logger;
  clock: () => number;
  branding: Branding;
  sessions: Sessions;
  throttle: LoginThrottle;
  receipts: Receipts;
  notifier: Notifier;
  identity: IdentityProvider;
  testAccounts: TestAccountSource;
  /** The signed-in customer's accounts, contracts, service points, meters and aggregations. */
  loadCustomerGraph: CustomerGraphLoader;
  flow: AuthorizationFlow;
  clients: ClientRepository;
  scopes: ScopeRegistry;
  grants: GrantRepository;
  /** The customer's choices per Grant (the Selection type used and what was picked). */
  selections: GrantSelections;
  /** The resources a recorded selection covers now, as the form lists them (receipt change notes). */
  describeResources(record: GrantSelectionRecord): Promise<ReceiptResource[]>;
}
