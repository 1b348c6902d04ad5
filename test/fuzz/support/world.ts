import { generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import type { System } from '../../support/system';
import { basic, bearer, formBody, send, type RawResponse } from './http';

/**
 * What the fuzzers attack with and aim at, made the way third parties make it (over HTTP):
 * two registrations with every scope — A, whose credentials the fuzzers use, and B, whose ids are
 * the "someone else's object" — tokens for each kind of API, and tokens that must be refused.
 */

export interface Credentials {
  id: string;
  secret: string;
}

export interface Party {
  registrationId: string;
  admin: Credentials;
  adminToken: string;
  /** Clients the registration created, by role. */
  consent: Credentials;
  direct: Credentials;
  grantAdmin: Credentials;
  files: Credentials;
  /** The Server Grant sharing a file with the files Client, and a Grant Admin token for it. */
  filesGrantId: string;
  filesToken: string;
  fileId: string;
  messageId: string;
  /** A Credential no token depends on (the fuzzers may change it). */
  spareCredentialId: string;
}

export interface NamedToken {
  name: string;
  token: string;
}

export type Refusals = Record<string, { name: string; authorization: string | undefined; statuses: number[] }[]>;

export interface World {
  a: Party;
  b: Party;
  /** Valid tokens of A, the first that an operation accepts is its credential. */
  tokens: NamedToken[];
  /** Per security scheme: Authorization headers an operation must refuse, and with which statuses. */
  refused: Refusals;
  /** Real values for each path parameter name: A's (may be changed) and B's (must not be reachable). */
  ids: { own: Record<string, string>; foreign: Record<string, string> };
}

const ok = (res: RawResponse, what: string, status = 200) => {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  return res.json as Record<string, any>;
};

async function tokenFor(url: string, client: Credentials, form: Record<string, string>): Promise<string> {
  const res = await send(url, {
    method: 'POST', path: '/oauth/token',
    headers: { ...basic(client.id, client.secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({ grant_type: 'client_credentials', ...form }),
  });
  return ok(res, `token ${JSON.stringify(form)}`).access_token;
}

async function json(url: string, method: string, path: string, authorization: Record<string, string>, body?: unknown, status = 200) {
  const res = await send(url, {
    method, path, headers: { ...authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return ok(res, `${method} ${path}`, status);
}

async function registerParty(system: System, scopes: string[], name: string): Promise<Party> {
  const { url, adminApiToken } = system;
  const registered = await json(url, 'POST', '/oauth/register', {}, { scope: scopes.join(' '), client_name: name }, 201);
  const admin = { id: registered.client_id as string, secret: registered.client_secret as string };
  const adminToken = await tokenFor(url, admin, { scope: 'cds_client_admin' });
  const auth = bearer(adminToken);
  const clients = (await json(url, 'GET', '/cds-api/v1/clients', auth)).clients as Record<string, any>[];
  // Secrets of the Clients the Server created are shown on the first Credentials read.
  const credentials = (await json(url, 'GET', '/cds-api/v1/credentials', auth)).credentials as Record<string, any>[];
  const withSecret = (test: (c: Record<string, any>) => boolean): Credentials => {
    const client = clients.find(test);
    if (!client) throw new Error(`registration ${name}: no such Client`);
    // The files Client has no Credential: it acts through Grant Admin tokens (cds-wg1-02 §9).
    return { id: client.client_id, secret: credentials.find((c) => c.client_id === client.client_id)?.client_secret ?? '' };
  };
  const consent = withSecret((c) => c.response_types.includes('code'));
  const direct = withSecret((c) => c.scope.split(' ').includes('cds_query_accounts'));
  const grantAdmin = withSecret((c) => c.scope === 'cds_grant_admin_1');
  const files = withSecret((c) => c.scope === 'cds_server_provided_files_01');
  const registrationId = (await json(url, 'GET', '/admin/registrations', bearer(adminApiToken))).registrations
    .find((r: Record<string, any>) => r.admin_client_id === admin.id).registration_id as string;

  const operator = bearer(adminApiToken);
  const file = await json(url, 'POST', '/admin/files', operator, { name: `${name}.txt`, mime_type: 'text/plain', data: Buffer.from(name).toString('base64') }, 201);
  const share = await json(url, 'POST', `/admin/files/${file.file_id}/share`, operator, { client_id: files.id });
  const filesToken = await tokenFor(url, grantAdmin, {
    authorization_details: JSON.stringify([{ type: 'cds_grant_admin_1', client_id: files.id, grant_id: share.grant_id }]),
  });
  const message = await json(url, 'POST', '/cds-api/v1/messages', auth, { type: 'support_request', name: 'Fuzz', description: 'a question' }, 201);
  const spare = await json(url, 'POST', '/cds-api/v1/credentials', auth, { client_id: consent.id }, 201);
  return {
    registrationId, admin, adminToken, consent, direct, grantAdmin, files, filesGrantId: share.grant_id, filesToken,
    fileId: file.file_id, messageId: message.message_id, spareCredentialId: spare.credential_id,
  };
}

/** A token the server did not sign (same claims and `kid`), and one with `alg: none`. */
async function forgeries(real: string): Promise<NamedToken[]> {
  const claims = decodeJwt(real);
  const header = decodeProtectedHeader(real);
  const { privateKey } = await generateKeyPair('ES256');
  const foreign = await new SignJWT(claims).setProtectedHeader({ ...header, alg: 'ES256' }).sign(privateKey);
  const none = `${Buffer.from(JSON.stringify({ ...header, alg: 'none' })).toString('base64url')}.${real.split('.')[1]}.`;
  const [h, p, s] = real.split('.');
  const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
  const widened = `${h}.${Buffer.from(JSON.stringify({ ...claims, scope: 'cds_client_admin cds_grant_admin_1', exp: 4102444800 })).toString('base64url')}.${s}`;
  return [
    { name: 'signed by another key', token: foreign }, { name: 'alg none', token: none },
    { name: 'signature altered', token: flipped }, { name: 'claims altered', token: widened },
  ];
}

/**
 * Builds the world. `moveClock(ms)` shifts the facade's clock (the system's `clock` option): an
 * access token issued two hours in the past is genuinely expired.
 */
export async function buildWorld(system: System, moveClock: (offsetMs: number) => void): Promise<World> {
  const { url } = system;
  const scopes = (await json(url, 'GET', '/.well-known/oauth-authorization-server', {})).scopes_supported as string[];
  const a = await registerParty(system, scopes, 'Fuzz A');
  const b = await registerParty(system, scopes, 'Fuzz B');

  // Aggregated usage needs aggregation numbers and is evaluated asynchronously (§4.11): left out.
  const queryScopes = scopes.filter((s) => s.startsWith('cds_query_') && s !== 'cds_query_aggregated_usage');
  const tokens: NamedToken[] = [
    { name: 'client admin', token: a.adminToken },
    { name: 'files grant admin', token: a.filesToken },
  ];
  for (const scope of queryScopes) {
    tokens.push({ name: scope, token: await tokenFor(url, a.direct, { scope, authorization_details: JSON.stringify([{ type: scope }]) }) });
  }

  moveClock(-2 * 3600_000);
  const expired = await tokenFor(url, a.admin, { scope: 'cds_client_admin' });
  moveClock(0);
  const revoked = await tokenFor(url, a.admin, { scope: 'cds_client_admin' });
  ok(await send(url, {
    method: 'POST', path: '/oauth/token/revoke',
    headers: { ...basic(a.admin.id, a.admin.secret), 'content-type': 'application/x-www-form-urlencoded' }, body: formBody({ token: revoked }),
  }), 'revoke');

  const bearerRefusals = [
    { name: 'no credentials', authorization: undefined },
    { name: 'garbage token', authorization: 'Bearer not-a-token' },
    { name: 'expired token', authorization: `Bearer ${expired}` },
    { name: 'revoked token', authorization: `Bearer ${revoked}` },
    { name: 'client secret as a token', authorization: `Bearer ${a.admin.secret}` },
    { name: 'huge token', authorization: `Bearer ${'a'.repeat(6_000)}` },
    ...(await forgeries(a.adminToken)).map((t) => ({ name: t.name, authorization: `Bearer ${t.token}` })),
  ];
  // RFC 6750 §3.1 lets a malformed Authorization header be a 400 invalid_request instead.
  const malformedBearer = [
    { name: 'empty bearer', authorization: 'Bearer ' },
    { name: 'basic instead of bearer', authorization: basic(a.admin.id, a.admin.secret).authorization },
    { name: 'two tokens', authorization: `Bearer ${a.adminToken} ${a.adminToken}` },
    { name: 'latin-1 bytes', authorization: 'Bearer \u00ff\u00fe\u00e9' },
  ];
  const refused: Refusals = {
    cds_access_token: [...bearerRefusals.map((r) => ({ ...r, statuses: [401] })), ...malformedBearer.map((r) => ({ ...r, statuses: [400, 401] }))],
    admin_token: [...bearerRefusals, ...malformedBearer, { name: 'a client token', authorization: `Bearer ${a.adminToken}` }]
      .map((r) => ({ ...r, statuses: [401] })),
    client_secret_basic: [
      { name: 'no credentials', authorization: undefined },
      { name: 'wrong secret', authorization: basic(a.admin.id, 'wrong').authorization },
      { name: 'unknown client', authorization: basic('ffffffffffffffff', 'x').authorization },
      { name: 'another registration\'s secret', authorization: basic(a.admin.id, b.admin.secret).authorization },
      { name: 'a bearer token', authorization: `Bearer ${a.adminToken}` },
      { name: 'not base64', authorization: 'Basic !!!' },
      { name: 'no colon', authorization: `Basic ${Buffer.from(a.admin.id).toString('base64')}` },
      { name: 'bad percent-encoding', authorization: `Basic ${Buffer.from(`%zz:${a.admin.secret}`).toString('base64')}` },
      { name: 'huge', authorization: `Basic ${'A'.repeat(6_000)}` },
    ].map((r) => ({ ...r, statuses: [400, 401] })),
  };

  const idsOf = (p: Party): Record<string, string> => ({
    clientId: p.consent.id, credentialId: p.spareCredentialId, grantId: p.filesGrantId, messageId: p.messageId, fileId: p.fileId,
    registrationId: p.registrationId,
  });
  // `{id}`: a Coverage Entry (Customer Data `{id}`s are tried with hostile values only).
  const shared = { id: 'ege_electric' };
  return { a, b, tokens, refused, ids: { own: { ...shared, ...idsOf(a) }, foreign: { ...shared, ...idsOf(b) } } };
}
