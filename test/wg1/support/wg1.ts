import { expect } from 'vitest';
import { ADMIN_API_TOKEN, type RunningFacade } from './facade';
import { call, type Reply } from './http';

/** A registered test Client: the admin Client's id and secret, and a cds_client_admin token. */
export interface Registered {
  response: any;
  clientId: string;
  secret: string;
  token: string;
  registrationId: string;
}

/** The metadata a Client starts from (01§3.1 → §3.1 `oauth_metadata`). */
export async function discover(f: RunningFacade): Promise<any> {
  const meta = await call('GET', `${f.url}/.well-known/cds-server-metadata.json`);
  return (await call('GET', meta.json.oauth_metadata)).json;
}

export async function clientAdminToken(f: RunningFacade, clientId: string, secret: string): Promise<Reply> {
  return call('POST', `${f.url}/oauth/token`, { basic: [clientId, secret], form: { grant_type: 'client_credentials', scope: 'cds_client_admin' } });
}

export async function register(f: RunningFacade, body: Record<string, unknown>): Promise<Registered> {
  const reply = await call('POST', `${f.url}/oauth/register`, { json: body });
  expect(reply.status, reply.text).toBe(201);
  const token = await clientAdminToken(f, reply.json.client_id, reply.json.client_secret);
  expect(token.status, token.text).toBe(200);
  const registrations = await call('GET', `${f.url}/admin/registrations`, { bearer: ADMIN_API_TOKEN });
  const registrationId = registrations.json.registrations.find((r: any) => r.admin_client_id === reply.json.client_id).registration_id;
  return { response: reply.json, clientId: reply.json.client_id, secret: reply.json.client_secret, token: token.json.access_token, registrationId };
}

/** Follows `next` (or `previous`) links from `url` to the end; returns every item under `key`. */
export async function walkPages(url: string, key: string, token: string, direction: 'next' | 'previous' = 'next'): Promise<{ pages: any[][]; last: any }> {
  const pages: any[][] = [];
  let link: string | null = url;
  let last: any;
  for (let i = 0; link && i < 200; i++) {
    const reply: Reply = await call('GET', link, { bearer: token });
    expect(reply.status, reply.text).toBe(200);
    pages.push(reply.json[key]);
    last = reply.json;
    // Messages name their links per segment (`unread_next`, §6.8).
    link = reply.json[`${key}_${direction}`] !== undefined ? reply.json[`${key}_${direction}`] : reply.json[direction];
  }
  return { pages, last };
}

export const admin = (f: RunningFacade, method: string, path: string, json?: unknown) =>
  call(method, `${f.url}/admin${path}`, { bearer: ADMIN_API_TOKEN, ...(json !== undefined && { json }) });
