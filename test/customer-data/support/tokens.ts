import { createHash, randomBytes } from 'node:crypto';
import { echoed, resolveDurations, validateAuthorizationDetails, type SelectionRecord } from '../../../rest-facade/authorization-details';
import type { ClientRecord } from '../../../rest-facade/clients';
import { GrantSelections } from '../../../rest-facade/consent';
import type { GrantRecord } from '../../../rest-facade/grants';
import { isoAt, newId } from '../../../rest-facade/registration';
import type { AuthorizationDetail } from '../../../rest-facade/scopes';
import type { StoreOp } from '../../../rest-facade/store';
import type { System } from '../../support/system';

/**
 * Access tokens the way Clients get them: a registration's Clients (seeded through the wg1
 * repositories, as the OAuth suites do), then the real token endpoint over HTTP — client_credentials
 * for direct-access scopes; for consent scopes PAR → authorize → the consent pages' approval (a
 * Grant made by the authorization_details engine, the Customer's selection recorded beside it,
 * completed through the completion API) → code redemption.
 */

export interface TestClient {
  client_id: string;
  secret: string;
}

export interface Clients {
  /** The registration's admin Client (`cds_client_admin`: Clients, Grants APIs). */
  admin: TestClient;
  direct: TestClient;
  consent: TestClient & { redirect_uri: string };
}

const basic = (c: TestClient) => `Basic ${Buffer.from(`${encodeURIComponent(c.client_id)}:${encodeURIComponent(c.secret)}`).toString('base64')}`;

export async function seedClients(system: System): Promise<Clients> {
  const { repos, clock, store, scopes } = system.facade.context;
  const registrationId = newId();
  const now = isoAt(clock());
  const all = scopes.all().filter((sd) => sd.type.startsWith('cds_') && sd.authorization_details_types_supported.length > 0);
  const direct = all.filter((sd) => sd.grant_types_supported.includes('client_credentials')).map((sd) => sd.id);
  const consent = all.filter((sd) => sd.response_types_supported.includes('code') && sd.type !== 'cds_aggregation_consent').map((sd) => sd.id);
  const redirect = 'https://client.example.com/callback';
  const ops: StoreOp[] = [];
  const client = (fields: Partial<ClientRecord> & Pick<ClientRecord, 'scope' | 'grant_types' | 'response_types'>): TestClient => {
    const record: ClientRecord = {
      client_id: newId(), registration_id: registrationId, client_id_issued_at: Math.floor(clock() / 1000),
      redirect_uris: [], client_name: 'Customer Data tests', contacts: [], authorization_details_types: scopeTypes(fields.scope),
      cds_created: now, cds_modified: now, cds_status: 'sandbox', cds_status_options: ['sandbox', 'disabled'],
      default_redirect_uri: null, registration_fields: {}, production_of: null, token_endpoint_auth_method: 'client_secret_basic',
      ...fields,
    };
    ops.push(...repos.clients.collection.writeOps(record));
    const credential = repos.credentials.prepare({ registrationId, clientId: record.client_id });
    ops.push(...credential.ops);
    return { client_id: record.client_id, secret: credential.secret };
  };
  const scopeTypes = (scope: string) => scope.split(' ').flatMap((id) => scopes.get(id)?.authorization_details_types_supported ?? []);
  const adminClient = client({ scope: 'cds_client_admin', grant_types: ['client_credentials'], response_types: [], authorization_details_types: [] });
  const directClient = client({ scope: direct.join(' '), grant_types: ['client_credentials'], response_types: [] });
  const consentClient = client({
    scope: consent.join(' '), grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: [redirect],
  });
  ops.push(...repos.registrations.writeOps({
    registration_id: registrationId, created: now, client_name: null, scopes: [...direct, ...consent],
    added_scopes: [], admin_client_id: adminClient.client_id, registration_fields: {},
  }));
  await store.atomically(ops);
  return { admin: adminClient, direct: directClient, consent: { ...consentClient, redirect_uri: redirect } };
}

async function form(url: string, body: Record<string, string>, client: TestClient) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client) },
    body: new URLSearchParams(body),
    redirect: 'manual',
  });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

export interface Token {
  access_token: string;
  grant_id: string;
}

/** The admin Client's token (`cds_client_admin`). */
export async function adminToken(system: System, clients: Clients): Promise<string> {
  const answer = await form(`${system.url}/oauth/token`, { grant_type: 'client_credentials', scope: 'cds_client_admin' }, clients.admin);
  if (answer.status !== 200) throw new Error(`admin token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}

/** A client_credentials token for a direct-access scope with one authorization details entry. */
export async function directToken(system: System, clients: Clients, scope: string, entry: Record<string, unknown> = {}): Promise<Token> {
  const type = system.facade.context.scopes.get(scope)!.authorization_details_types_supported[0];
  const answer = await form(`${system.url}/oauth/token`, {
    grant_type: 'client_credentials', scope, authorization_details: JSON.stringify([{ type, ...entry }]),
  }, clients.direct);
  if (answer.status !== 200) throw new Error(`token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { access_token: answer.body.access_token as string, grant_id: (answer.body.cds_grant_ids as string[])[0] };
}

export interface ConsentSpec {
  scope: string;
  /** The entry the Client requests (without `type`). */
  entry: Record<string, unknown>;
  customerId: string;
  selection: SelectionRecord;
  now?: Date;
}

/** A code-flow token for a consent scope: the Customer approved `selection` on the form. */
export async function consentToken(system: System, clients: Clients, spec: ConsentSpec): Promise<Token & { grant: GrantRecord }> {
  const { scopes, repos, store, config, oauth } = system.facade.context;
  const type = scopes.get(spec.scope)!.authorization_details_types_supported[0];
  const verifier = randomBytes(32).toString('base64url');
  const pushed = await form(`${system.url}/oauth/par`, {
    response_type: 'code', client_id: clients.consent.client_id, redirect_uri: clients.consent.redirect_uri, scope: spec.scope,
    authorization_details: JSON.stringify([{ type, ...spec.entry }]),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  }, clients.consent);
  if (pushed.status !== 201) throw new Error(`PAR failed: ${pushed.status} ${JSON.stringify(pushed.body)}`);
  const authorize = await fetch(`${system.url}/oauth/authorize?client_id=${clients.consent.client_id}&request_uri=${encodeURIComponent(pushed.body.request_uri as string)}`, { redirect: 'manual' });
  const requestId = new URL(authorize.headers.get('location')!, system.url).pathname.split('/').pop()!;

  // What the consent pages do on approval: the engine's echoed entry in a Grant, the selection beside it.
  const now = spec.now ?? new Date(system.facade.context.clock());
  const validated = validateAuthorizationDetails({
    scope: spec.scope, authorizationDetails: [{ type, ...spec.entry }], flow: 'authorization_code',
    scopeDescriptions: scopes.all(), timezone: config.CDS_TIMEZONE, now,
  });
  if (!validated.ok) throw new Error(`authorization_details rejected: ${validated.error_description}`);
  const details = echoed(resolveDurations(validated.entries, { now, timezone: config.CDS_TIMEZONE })) as AuthorizationDetail[];
  const client = await repos.clients.get(clients.consent.client_id);
  const grant = await repos.grants.create({
    registration_id: client!.registration_id, client_id: client!.client_id, origin: 'authorization_code', subject: spec.customerId,
    scope: spec.scope, authorization_details: details,
  });
  await new GrantSelections(store).put({
    grant_id: grant.grant_id, customer_id: spec.customerId, approved: now.toISOString(),
    sections: [{ scopes: [spec.scope], selection: spec.selection }],
  });
  const location = new URL(await oauth.completeAuthorization(requestId, { outcome: 'approve', grant_id: grant.grant_id }));
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code: ${location}`);
  const redeemed = await form(`${system.url}/oauth/token`, {
    grant_type: 'authorization_code', code, redirect_uri: clients.consent.redirect_uri, code_verifier: verifier,
  }, clients.consent);
  if (redeemed.status !== 200) throw new Error(`code redemption failed: ${redeemed.status} ${JSON.stringify(redeemed.body)}`);
  return { access_token: redeemed.body.access_token as string, grant_id: grant.grant_id, grant };
}

/** Every boolean `include_*` field the scope supports, set to true (the widest entry). */
export function allIncludes(system: System, scope: string): Record<string, boolean> {
  const sd = system.facade.context.scopes.get(scope)!;
  return Object.fromEntries(sd.authorization_details_fields_supported
    .filter((f) => f.id.startsWith('include_') && f.format === 'boolean')
    .map((f) => [f.id, true]));
}

/** Every boolean `include_*` field the scope supports, set to false (the narrowest entry). */
export function noIncludes(system: System, scope: string): Record<string, boolean> {
  return Object.fromEntries(Object.keys(allIncludes(system, scope)).map((id) => [id, false]));
}

/**
 * Lets the pending-Grant worker finish a Grant the token endpoint admitted as `pending` (an
 * aggregation usage Grant is evaluated first, §4.11): steps it until the Grant's status settles.
 */
export async function settle(system: System, grantId: string): Promise<string> {
  const { access, repos } = system.facade.context;
  for (let attempt = 0; attempt < 100; attempt++) {
    const grant = await repos.grants.get(grantId);
    if (grant!.status !== 'pending') return grant!.status;
    await access!.worker.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'pending';
}
