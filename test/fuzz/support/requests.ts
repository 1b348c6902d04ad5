import { createHash, randomBytes } from 'node:crypto';
import type { System } from '../../support/system';
import { basic, bearer, formBody, send, type RawRequest, type RawResponse } from './http';
import { encode, fill, queryString, type Operation } from './operations';
import type { World } from './world';

/**
 * How to call each operation of the published document with valid inputs: the credentials it
 * takes and an example body that passes validation. The fuzzers start from these and break one
 * thing at a time.
 */

export interface Body {
  contentType: string;
  payload: string | Buffer;
}

/** A body the operation accepts (or at least parses): JSON or form, as the document says. */
export function exampleBody(op: Operation, system: System, world: World): Record<string, unknown> | undefined {
  const { a } = world;
  const verifier = randomBytes(32).toString('base64url');
  const examples: Record<string, Record<string, unknown>> = {
    register: { scope: 'cds_client_admin cds_accounts', client_name: 'Fuzzed' },
    token: { grant_type: 'client_credentials', scope: 'cds_client_admin' },
    pushAuthorizationRequest: {
      response_type: 'code', client_id: a.consent.id, redirect_uri: `${system.url}/oauth/default-redirect`, scope: 'cds_accounts',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    },
    authorizeByPost: { client_id: a.consent.id, request_uri: 'urn:ietf:params:oauth:request_uri:fuzz' },
    revoke: { token: 'not-a-token' },
    introspect: { token: a.adminToken },
    updateClient: { client_name: 'Renamed', contacts: ['ops@example.com'] },
    createMessage: { type: 'support_request', name: 'Question', description: 'Help' },
    updateMessage: { read: true },
    createCredential: { client_id: a.consent.id },
    updateCredential: { client_secret_expires_at: Math.floor(Date.now() / 1000) + 3600 },
    updateGrant: { status: 'closed' },
    adminMessageRegistration: { type: 'private_message', name: 'Hello', description: 'From the operator' },
    adminNotify: { name: 'Maintenance', description: 'Tonight' },
    adminResolveMessage: { status: 'complete' },
    adminApproveProduction: {},
    adminDisableClient: { reason: 'fuzz' },
    adminCreateGrant: { client_id: a.direct.id, scope: 'cds_query_accounts', authorization_details: [{ type: 'cds_query_accounts' }] },
    adminSetGrantStatus: { status: 'suspended', reason: 'fuzz' },
    adminCreateFile: { name: 'f.txt', mime_type: 'text/plain', data: Buffer.from('x').toString('base64') },
    adminShareFile: { client_id: a.files.id },
  };
  return op.bodyType ? examples[op.operationId] ?? {} : undefined;
}

/** The body in the operation's media type. */
export function encodeBody(op: Operation, value: unknown): Body {
  if (op.bodyType === 'application/x-www-form-urlencoded') {
    const fields = value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? '']))
      : { value: JSON.stringify(value) ?? '' };
    return { contentType: op.bodyType, payload: formBody(fields) };
  }
  return { contentType: 'application/json', payload: JSON.stringify(value) ?? 'null' };
}

/** Authorization headers to try, in order, for an operation's security schemes. */
export function candidateAuthorizations(op: Operation, system: System, world: World): string[] {
  const { a } = world;
  const out: string[] = [];
  for (const scheme of op.security) {
    if (scheme === 'cds_access_token') out.push(...world.tokens.map((t) => bearer(t.token).authorization));
    if (scheme === 'admin_token') out.push(bearer(system.adminApiToken).authorization);
    if (scheme === 'client_secret_basic') {
      const first = op.operationId === 'pushAuthorizationRequest' ? [a.consent, a.admin] : [a.admin, a.consent];
      out.push(...[...first, a.direct, a.grantAdmin].map((c) => basic(c.id, c.secret).authorization));
    }
  }
  return out;
}

export interface CallParts {
  params?: Record<string, string>;
  query?: readonly (readonly [string, string])[];
  authorization?: string;
  body?: Body;
  headers?: Record<string, string>;
  /** A raw path to send instead of the filled template. */
  rawPath?: string;
}

export function request(op: Operation, world: World, parts: CallParts): RawRequest {
  const params = Object.fromEntries(op.pathParams.map((name) => [name, parts.params?.[name] ?? encode(world.ids.own[name] ?? 'x')]));
  return {
    method: op.method,
    path: (parts.rawPath ?? fill(op.template, params)) + queryString(parts.query ?? []),
    headers: {
      ...(parts.authorization === undefined ? {} : { authorization: parts.authorization }),
      ...(parts.body ? { 'content-type': parts.body.contentType } : {}),
      ...parts.headers,
    },
    body: parts.body?.payload,
  };
}

export async function call(system: System, op: Operation, world: World, parts: CallParts): Promise<{ req: RawRequest; res: RawResponse }> {
  const req = request(op, world, parts);
  return { req, res: await send(system.url, req) };
}

/**
 * The operation's credential: the first candidate it does not refuse (401/403) on an otherwise
 * valid call whose body is an array (so that no write happens), or undefined for public operations.
 */
export async function credentialFor(system: System, op: Operation, world: World): Promise<string | undefined> {
  const candidates = candidateAuthorizations(op, system, world);
  if (candidates.length === 0) return undefined;
  for (const authorization of candidates) {
    const body = op.bodyType ? encodeBody(op, []) : undefined;
    const { res } = await call(system, op, world, { authorization, body });
    if (res.status !== 401 && res.status !== 403) return authorization;
  }
  return candidates[0];
}
