import type { ServerProvidedFilesSetting } from './builtin';
import type { RegistrationFieldSetting } from './registry';
import type { ScopeDescription } from './schema';

/**
 * Which scopes and registration fields a deployment offers beyond the cds-wg3-01 provider: a typed
 * object with demo defaults (cds-wg1-02 §3.2 says the Server chooses them; §11.1 says they must
 * suit its jurisdiction, so they are configuration, not code).
 */
export interface ScopeSettings {
  /** Grant Admin scope ids (§3.3.2); every `grant_admin_scope` must name one of them. */
  grantAdminScopes: string[];
  /** Server-Provided Files scopes (§3.3.3). */
  serverProvidedFiles: ServerProvidedFilesSetting[];
  /** Server-specific scopes (e.g. `examplepowercompany_*`), described in full. */
  customScopes: ScopeDescription[];
  /** Registration Fields the scopes above (or any provider's) may reference. */
  registrationFields: RegistrationFieldSetting[];
  /** Client-written Purposes added or changed on the Clients API wait for review (cds-wg3-01 §8.2); default false. */
  reviewClientPurposes?: boolean;
}

export const DEFAULT_GRANT_ADMIN_SCOPE = 'cds_grant_admin_1';

export const defaultScopeSettings: ScopeSettings = {
  grantAdminScopes: [DEFAULT_GRANT_ADMIN_SCOPE],
  serverProvidedFiles: [{ id: 'cds_server_provided_files_01', grant_admin_scope: DEFAULT_GRANT_ADMIN_SCOPE }],
  customScopes: [],
  registrationFields: [],
};
