import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientListingSchema, clientObjectSchema } from '../../rest-facade/clients';
import { grantObjectSchema } from '../../rest-facade/grants';
import { ADMIN_API_TOKEN, makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { overviewScopes } from './support/fixtures';
import { call } from './support/http';

const run = promisify(execFile);

/** Runs one walkthrough script against the server; its last output is one JSON object. */
async function walkthrough(name: string, env: Record<string, string>): Promise<any> {
  const { stdout } = await run('bash', [join(__dirname, 'walkthroughs', name)], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/**
 * cds-wg1-02 overview: "Registering a Client", "Loading the list of Client Objects", "Adding a
 * Redirect URI to a Client Object" and "Using the Grant Admin scope", run with curl and jq against
 * the server, every URL taken from the metadata and from responses as the overview does.
 */
describe.each<StoreKind>(['memory', 'redis'])('overview walkthroughs (%s store)', (kind) => {
  let f: RunningFacade;
  let env: Record<string, string>;
  const seen: Record<string, any> = {};

  beforeAll(async () => {
    f = await startFacade({ store: makeStore(kind, inject('redisUrl')), scopeSettings: overviewScopes('http://placeholder') });
    // The fixture's documentation URLs are only text; the scopes themselves are what matters.
    env = { BASE: f.url };
  });
  afterAll(() => f.close());

  it('Registering a Client: one call, the cds_client_admin Client Object comes back with its secret', async () => {
    const out = await walkthrough('register.sh', env);
    const client = clientObjectSchema.parse(out.response);
    expect(client.scope).toBe('cds_client_admin');
    expect(client.client_name).toBe('Example Energy Audit Services');
    expect(out.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(out.response).not.toHaveProperty('client_secret_expires_at');
    Object.assign(env, { CLIENT_ID: out.client_id, CLIENT_SECRET: out.client_secret });
  });

  it('Loading the list of Client Objects: a cds_client_admin token, then the four Client Objects', async () => {
    const out = await walkthrough('list-clients.sh', env);
    expect(out.token).toMatchObject({ token_type: expect.stringMatching(/^bearer$/i), scope: 'cds_client_admin' });
    const listing = clientListingSchema.parse(out.clients);
    expect(listing.clients.map((c) => c.scope).sort()).toEqual(['cds_client_admin', 'cds_grant_admin', 'cds_server_provided_files_01', 'customer_data']);
    const customerData = listing.clients.find((c) => c.scope === 'customer_data')!;
    expect(customerData.response_types).toEqual(['code']);
    expect(customerData.redirect_uris).toEqual([`${f.url}/oauth/default-redirect`]);
    expect(listing).toMatchObject({ next: null, previous: null });
    env.CLIENT_ADMIN_ACCESS_TOKEN = out.token.access_token;
  });

  it('Adding a Redirect URI: the custom URI is added, and [] reverts to the Server default', async () => {
    const out = await walkthrough('add-redirect.sh', env);
    const defaultUri = `${f.url}/oauth/default-redirect`;
    // The overview's literal sed output is not JSON: refused, nothing changed.
    expect(out.literal_status).toBe('400');
    expect(out.after_literal).toEqual(out.before);
    expect(out.updated.redirect_uris).toEqual([defaultUri, 'https://example.com/my-redirect']);
    expect(out.updated.cds_modified > out.before.cds_modified).toBe(true);
    expect(out.reverted.redirect_uris).toEqual([defaultUri]);
    expect(out.reverted.cds_default_redirect_uri).toBe(defaultUri);
    env.CUSTOM_REDIRECT_URI = 'https://example.com/my-redirect';
  });

  it('Using the Grant Admin scope: the Grant is found by client_ids and a Grant Admin token is issued for it', async () => {
    const clients = await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: env.CLIENT_ADMIN_ACCESS_TOKEN });
    const customerData = clients.json.clients.find((c: any) => c.scope === 'customer_data');
    // Stands in for the customer's approval through the default redirect (see walkthroughs/README.md).
    const created = await call('POST', `${f.url}/admin/grants`, { bearer: ADMIN_API_TOKEN, json: { client_id: customerData.client_id, scope: 'customer_data' } });
    expect(created.status).toBe(201);

    const out = await walkthrough('grant-admin.sh', env);
    expect(out.authorization_request_url).toBe(
      `${f.url}/oauth/authorize?response_type=code&client_id=${customerData.client_id}&scope=customer_data&redirect_uri=${f.url}/oauth/default-redirect&state=mystatehere`);
    expect(grantObjectSchema.parse(out.grant).grant_id).toBe(created.json.grant_id);
    expect(out.token).toMatchObject({ access_token: expect.any(String), token_type: expect.stringMatching(/^bearer$/i) });
    expect(out.token.cds_grant_ids).toEqual([expect.any(String)]);
    seen.grantAdminToken = out.token.access_token;

    // The token is a Grant Admin token: the management APIs refuse it.
    const refused = await call('GET', `${f.url}/cds-api/v1/clients`, { bearer: seen.grantAdminToken });
    expect(refused.status).toBe(403);
  });
});
