import express from 'express';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../store';
import { SESSION_COOKIE, Sessions } from './sessions';

/** Sessions over real HTTP with a movable clock (the store is the embedded one). */
let now = Date.parse('2026-05-01T10:00:00Z');
const store = new MemoryStore(() => now);
const sessions = new Sessions(store, { idleSeconds: 600, absoluteSeconds: 3600, secureCookie: true, now: () => now });

let server: Server;
let base: string;
beforeAll(async () => {
  const app = express();
  app.get('/anon', async (req, res) => { const s = await sessions.ensure(req, res); res.json({ csrf: s.csrf, customer: s.customer ?? null }); });
  app.get('/me', async (req, res) => { const s = await sessions.load(req); res.json({ customer: s?.customer?.customerId ?? null }); });
  app.post('/login', async (req, res) => {
    const s = await sessions.login(req, res, { customerId: 'C1', username: 'ada', isTestCustomer: true });
    res.json({ csrf: s.csrf });
  });
  app.post('/logout', async (req, res) => { await sessions.logout(req, res); res.end(); });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => { server.close(); await store.close(); });

async function get(path: string, cookie?: string) {
  const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
  return { body: await res.json(), setCookie: res.headers.getSetCookie() };
}
async function post(path: string, cookie?: string) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: cookie ? { cookie } : {} });
  return { body: res.headers.get('content-type')?.includes('json') ? await res.json() : null, setCookie: res.headers.getSetCookie() };
}
const cookieOf = (setCookie: string[]) => setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0];

describe('consent sessions (§9.1.2)', () => {
  it('sets an HttpOnly, SameSite=Lax, Secure cookie and keeps no session id in the store', async () => {
    const anon = await get('/anon');
    const header = anon.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Secure/);
    const id = cookieOf(anon.setCookie).split('=')[1];
    const stored = [...store.dump().entries()].filter(([k]) => k.startsWith('consent:session:'));
    expect(stored.length).toBeGreaterThan(0);
    for (const [key, value] of stored) {
      expect(key).not.toContain(id);
      expect(value).not.toContain(id);
    }
  });

  it('rotates the id and the CSRF token at login, and the old id is dead', async () => {
    const anon = await get('/anon');
    const before = cookieOf(anon.setCookie);
    const login = await post('/login', before);
    const after = cookieOf(login.setCookie);
    expect(after).not.toBe(before);
    expect(login.body.csrf).not.toBe(anon.body.csrf);
    expect((await get('/me', after)).body.customer).toBe('C1');
    expect((await get('/me', before)).body.customer).toBeNull();
  });

  it('stays alive while the customer is active, expires after 10 idle minutes, and has a hard cap', async () => {
    const cookie = cookieOf((await post('/login')).setCookie);
    for (let i = 0; i < 5; i++) {
      now += 9 * 60_000; // active every 9 minutes: still signed in after 45 minutes
      expect((await get('/me', cookie)).body.customer).toBe('C1');
    }
    now += 10 * 60_000 + 1000;
    expect((await get('/me', cookie)).body.customer).toBeNull();

    const capped = cookieOf((await post('/login')).setCookie);
    for (let i = 0; i < 7; i++) { now += 9 * 60_000; await get('/me', capped); }
    expect((await get('/me', capped)).body.customer).toBeNull(); // 63 minutes > 1 hour cap
  });

  it('logout invalidates the session at once', async () => {
    const cookie = cookieOf((await post('/login')).setCookie);
    expect((await get('/me', cookie)).body.customer).toBe('C1');
    const out = await post('/logout', cookie);
    expect(out.setCookie.some((c) => c.startsWith(`${SESSION_COOKIE}=;`) && /Max-Age=0/.test(c))).toBe(true);
    expect((await get('/me', cookie)).body.customer).toBeNull();
  });

  it('ignores forged, oversized or malformed cookies', async () => {
    expect((await get('/me', `${SESSION_COOKIE}=forged`)).body.customer).toBeNull();
    expect((await get('/me', `${SESSION_COOKIE}=${'x'.repeat(500)}`)).body.customer).toBeNull();
    expect((await get('/me', `${SESSION_COOKIE}=%E0%A4%A`)).body.customer).toBeNull();
  });
});
