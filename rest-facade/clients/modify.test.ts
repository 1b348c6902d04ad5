import { describe, expect, it } from 'vitest';
import { wg1Urls } from '../metadata/urls';
import { builtinScopeProvider } from '../scopes/builtinProvider';
import { ScopeRegistry, type ScopeProvider } from '../scopes/registry';
import { defaultScopeSettings } from '../scopes/settings';
import { HttpError } from '../errors';
import { modifyClient } from './modify';
import { renderClient } from './render';
import type { ClientRecord } from './schema';

const urls = wg1Urls('https://cds.invalid');

/** An extension-managed member (the shape cds-wg3-01 `cds_purposes` uses): a list of tags. */
const tagsProvider: ScopeProvider = {
  name: 'tags',
  scopes: () => [],
  clientFields: () => ({
    cds_tags: {
      onModify: (current, requested) => {
        if (requested === undefined) return { ok: true, value: current };
        return Array.isArray(requested) && requested.every((t) => typeof t === 'string')
          ? { ok: true, value: requested } : { ok: false, error_description: 'a list of strings' };
      },
    },
  }),
};

const registry = new ScopeRegistry({ publicUrl: urls.base, docs: (a) => `${urls.base}/docs#${a}`, coverageIds: [], timezone: 'UTC' }, [builtinScopeProvider(defaultScopeSettings), tagsProvider]);

const client: ClientRecord = {
  client_id: '0123456789abcdef', registration_id: 'r', client_id_issued_at: 0, scope: 'cds_grant_admin_1', redirect_uris: [],
  token_endpoint_auth_method: 'client_secret_basic', grant_types: ['client_credentials'], response_types: [], client_name: 'App',
  contacts: [], authorization_details_types: ['cds_grant_admin_1'], cds_created: '2024-01-01T00:00:00.000Z', cds_modified: '2024-01-01T00:00:00.000Z',
  cds_status: 'sandbox', cds_status_options: ['sandbox', 'disabled'], default_redirect_uri: null,
  registration_fields: { cds_tags: ['a'], cds_company_name: 'Co' }, production_of: null,
};
const registration = { registration_id: 'r', created: '', client_name: null, scopes: ['cds_client_admin', 'cds_grant_admin_1'], added_scopes: [], admin_client_id: 'x', registration_fields: {} };
const put = (body: Record<string, unknown>) => modifyClient(client, body, { scopes: registry, registration, urls });

describe('Client Object members managed by an extension (§5.5, §10)', () => {
  it('follow the extension\'s rules instead of the server-owned rule', () => {
    const shown = renderClient(client, urls);
    expect(put({ ...shown, cds_tags: ['a', 'b'] }).client.registration_fields.cds_tags).toEqual(['a', 'b']);
    expect(put({ ...shown, cds_tags: undefined }).client.registration_fields.cds_tags).toEqual(['a']);
    expect(() => put({ ...shown, cds_tags: 'b' })).toThrow(HttpError);
    // Other registration fields stay server-owned.
    expect(() => put({ ...shown, cds_company_name: 'Other' })).toThrow(/set by the Server/);
    expect(put({ ...shown }).changed).toEqual([]);
  });
});
