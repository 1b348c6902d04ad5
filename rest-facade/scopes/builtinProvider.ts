import {
  clientAdminScope, grantAdminScope, serverProvidedFilesScope,
} from './builtin';
import type { ScopeProvider } from './registry';
import type { ScopeSettings } from './settings';

/** Checks the built-in identifier fields: required strings of 1–1000 characters (§3.3.2, §3.3.3). */
function checkIdentifierFields(fields: { id: string; is_required: boolean }[], entry: Record<string, unknown>): string | null {
  for (const field of fields) {
    const value = entry[field.id];
    if (value === undefined) {
      if (field.is_required) return `authorization_details field ${field.id} is required`;
      continue;
    }
    if (typeof value !== 'string' || value.length < 1 || value.length > 1000) return `authorization_details field ${field.id} must be a string of 1 to 1000 characters`;
  }
  return null;
}

/** The cds-wg1-02 §3.3 scopes plus the deployment's own, from settings. */
export function builtinScopeProvider(settings: ScopeSettings): ScopeProvider {
  return {
    name: 'cds-wg1-02',
    scopes: ({ docs }) => [
      clientAdminScope(docs),
      ...settings.grantAdminScopes.map((id) => grantAdminScope(id, docs)),
      ...settings.serverProvidedFiles.map((s) => serverProvidedFilesScope(s, docs)),
      ...settings.customScopes,
    ],
    registrationFields: () => settings.registrationFields,
    validateAuthorizationDetail: (sd, entry) =>
      checkIdentifierFields(sd.authorization_details_fields_supported.filter((f) => f.for_types.includes(entry.type)), entry),
  };
}
