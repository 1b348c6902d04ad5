import { call } from '../../consent/support/http';

/**
 * A third party registered the way cds-wg1-02 walks it (§4 registration, §5 Clients, §7
 * Credentials) over real HTTP, with the operator's production approval where a Client must be
 * authorized by real customers.
 */

export interface Discovery {
  token_endpoint: string;
  registration_endpoint: string;
  pushed_authorization_request_endpoint: string;
  authorization_endpoint: string;
  cds_clients_api: string;
  cds_credentials_api: string;
  cds_grants_api: string;
}

export interface ClientCredentials {
  client_id: string;
  secret: string;
}

export interface ThirdParty {
  discovery: Discovery;
  admin: ClientCredentials;
  adminToken(): Promise<string>;
  /** The registration's Client holding `scope`, production if approved; with a fresh Credential. */
  client(scope: string): Promise<ClientCredentials>;
  /** The operator approves the sandbox Client holding `scope` for production (a new Client, §4.2). */
  approveProduction(scope: string): Promise<void>;
  token(client: ClientCredentials, form: Record<string, string>): Promise<{ status: number; json: any }>;
  grant(grantId: string): Promise<any>;
  grants(filter: Record<string, string>): Promise<any[]>;
}

const basic = (c: ClientCredentials): [string, string] => [c.client_id, c.secret];

export async function registerThirdParty(baseUrl: string, adminApiToken: string, scope: string): Promise<ThirdParty> {
  const discovery = (await call<Discovery>('GET', `${baseUrl}/.well-known/oauth-authorization-server`)).json;
  const registered = await call('POST', discovery.registration_endpoint, { json: { scope: `cds_client_admin ${scope}`, client_name: 'Building Benchmarks Inc' } });
  if (registered.status !== 201) throw new Error(`registration failed: ${registered.status} ${registered.text}`);
  const admin = { client_id: registered.json.client_id, secret: registered.json.client_secret };
  const token = (client: ClientCredentials, form: Record<string, string>) =>
    call('POST', discovery.token_endpoint, { basic: basic(client), form: { grant_type: 'client_credentials', ...form } });
  const adminToken = async () => {
    const reply = await token(admin, { scope: 'cds_client_admin' });
    if (reply.status !== 200) throw new Error(`admin token: ${reply.status} ${reply.text}`);
    return reply.json.access_token as string;
  };
  const clients = async () => (await call('GET', discovery.cds_clients_api, { bearer: await adminToken() })).json.clients as Record<string, any>[];
  const holding = (list: Record<string, any>[], s: string) => list.filter((c) => c.scope.split(' ').includes(s))
    .sort((a, b) => Number(b.cds_status === 'production') - Number(a.cds_status === 'production'))[0];
  return {
    discovery, admin, adminToken, token,
    async client(s) {
      const found = holding(await clients(), s);
      if (!found) throw new Error(`no client holds ${s}`);
      const credential = await call('POST', discovery.cds_credentials_api, { bearer: await adminToken(), json: { client_id: found.client_id } });
      if (credential.status >= 300) throw new Error(`credential: ${credential.status} ${credential.text}`);
      return { client_id: found.client_id, secret: credential.json.client_secret };
    },
    async approveProduction(s) {
      const sandbox = holding(await clients(), s);
      const reply = await call('POST', `${baseUrl}/admin/clients/${sandbox.client_id}/production`, { bearer: adminApiToken, json: {} });
      if (reply.status >= 300) throw new Error(`production approval: ${reply.status} ${reply.text}`);
    },
    async grant(grantId) {
      const reply = await call('GET', `${discovery.cds_grants_api}/${grantId}`, { bearer: await adminToken() });
      if (reply.status !== 200) throw new Error(`GET grant ${grantId}: ${reply.status} ${reply.text}`);
      return reply.json;
    },
    async grants(filter) {
      const url = new URL(discovery.cds_grants_api);
      for (const [k, v] of Object.entries(filter)) url.searchParams.set(k, v);
      return (await call('GET', url.toString(), { bearer: await adminToken() })).json.grants;
    },
  };
}
