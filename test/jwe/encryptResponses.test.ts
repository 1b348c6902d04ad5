import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline, Readable } from 'node:stream';
import express, { type Request } from 'express';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger';
import { badRequest, errorHandler, HttpError, notFoundHandler, OAuthError } from '../../rest-facade/errors';
import { JWE_HEADERS } from '../../rest-facade/jwe';
import { encryptResponses } from '../../rest-facade/plugins/encryptResponses';
import { useRequestId } from '../../rest-facade/plugins/useRequestId';
import { useRequestLogging } from '../../rest-facade/plugins/useRequestLogging';
import { cdsDecrypt, cdsDecryptHeaders } from '../support/cdsDecrypt';
import { recipientKeyPair } from './keys';
import { loadOverviewExample } from './overviewExample';
import { pythonCryptographyAvailable, runOverviewSnippet } from './pythonSnippet';

const device = recipientKeyPair();
const accounts = { accounts: [{ cds_account_id: 'acct-1', account_number: '0012-3' }], next: null, previous: null };
const LINK = '</accounts?cursor=abc>; rel="next"';
const CHUNK = 64 * 1024;

/** A deterministic JSON document of about `bytes` bytes, produced in 64 KiB pieces. */
function* usagePage(bytes: number): Generator<string> {
  yield '{"usagesegments": [';
  for (let i = 0; i * CHUNK < bytes; i++) {
    const prefix = `${i === 0 ? '' : ','}"`;
    yield `${prefix}${String(i % 10).repeat(CHUNK - prefix.length - 1)}"`;
  }
  yield '], "next": null, "previous": null}';
}

/**
 * Stand-in for the OAuth engineer's authentication (not built yet): bearer tokens resolve to the
 * Grant's `jwk` (or none); unknown tokens get the RFC 6750 401. It runs after the encryption
 * plugin, as the plugin must find the key only once authentication is done.
 */
const TOKENS: Record<string, JWK | null> = {
  keyed: device.publicJwk,
  plain: null,
  broken: { kty: 'EC', crv: 'P-256', x: 'not-a-key', y: 'not-a-key' },
};
const jwkOf = (req: Request): JWK | null => (req.res?.locals.grantJwk as JWK | undefined) ?? null;

function buildApp() {
  const app = express();
  app.disable('x-powered-by');
  app.use(useRequestId());
  app.use(useRequestLogging(createLogger('silent')));
  app.use(encryptResponses(jwkOf));
  app.use((req, res, next) => {
    const token = req.get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!(token in TOKENS)) {
      throw new OAuthError('invalid_token', 'unknown access token', 401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    res.locals.grantJwk = TOKENS[token];
    next();
  });

  app.get('/accounts', (_req, res) => {
    res.set('Cache-Control', 'private, no-cache');
    res.set('Access-Control-Allow-Origin', '*');
    res.vary('Origin');
    res.set('Link', LINK);
    res.json(accounts);
  });
  app.get('/modified', (_req, res) => {
    res.set('Last-Modified', new Date(Date.UTC(2020, 0, 1)).toUTCString());
    res.json(accounts);
  });
  app.get('/usage', (req, res, next) => {
    res.type('application/json');
    pipeline(Readable.from(usagePage(Number(req.query.bytes))), res, (err) => err && next(err));
  });
  app.get('/fails-midway', (_req, res, next) => {
    res.type('application/json');
    res.write('{"accounts": [');
    setImmediate(() => next(new Error('upstream went away')));
  });
  app.get('/bad', () => { throw badRequest('limit must be a positive integer'); });
  app.get('/limited', () => { throw new HttpError(429, 'too_many_requests', 'slow down', { 'Retry-After': '30' }); });
  app.get('/forbidden', () => {
    throw new OAuthError('insufficient_scope', 'scope lacks usage', 403, { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' });
  });
  app.get('/created', (_req, res) => {
    res.writeHead(201, { 'Content-Type': 'text/plain', 'X-App': 'a' });
    res.write('part1');
    res.end('part2');
  });
  app.get('/nothing', (_req, res) => { res.status(204).end(); });
  app.use(notFoundHandler);
  app.use(errorHandler(createLogger('silent')));
  return app;
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = buildApp().listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string, token: string, extra: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, ...extra } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

function decrypt(res: { headers: Headers; body: Buffer }) {
  const decrypted = cdsDecrypt(device.privateJwk, res);
  return { headerLines: decrypted.headers.split('\n'), headers: decrypted.headers, body: decrypted.body };
}

const jweHeaderNames = Object.values(JWE_HEADERS);

describe('encryptResponses over real HTTP', () => {
  it('encrypts a 200: application headers inside, transport headers in clear, exact plaintext', async () => {
    const res = await get('/accounts', 'keyed', { 'x-request-id': 'req-200' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Number(res.headers.get('content-length'))).toBe(res.body.length);
    for (const name of jweHeaderNames) expect(res.headers.get(name)).toMatch(/^[A-Za-z0-9_-]+$/);

    const { headers, body } = decrypt(res);
    expect(headers).toBe(`X-Request-Id: req-200\nLink: ${LINK}\nContent-Type: application/json; charset=utf-8`);
    expect(body.toString('utf8')).toBe(JSON.stringify(accounts));
    expect(res.body.length).toBe(body.length + 16);

    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('date')).not.toBeNull();
    for (const hidden of ['x-request-id', 'link', 'etag', 'last-modified', 'transfer-encoding']) {
      expect(res.headers.get(hidden), hidden).toBeNull();
    }
  });

  it("produces responses the overview's Python snippet decrypts, small and large", { skip: !pythonCryptographyAvailable }, async () => {
    const example = loadOverviewExample();
    for (const path of ['/accounts', `/usage?bytes=${1024 * 1024}`]) {
      const res = await get(path, 'keyed');
      const named = Object.fromEntries(jweHeaderNames.map((name) => [name, res.headers.get(name) ?? '']));
      const python = runOverviewSnippet(example, device.privateJwk, { headers: named, body: res.body });
      const ours = decrypt(res);
      expect(python.headers).toBe(ours.headers);
      expect(python.body.equals(ours.body)).toBe(true);
    }
  });

  it('encrypts a streamed 1.5 MiB body with the right Content-Length instead of chunked framing', async () => {
    const bytes = 1.5 * 1024 * 1024;
    const res = await get(`/usage?bytes=${bytes}`, 'keyed');
    const expected = [...usagePage(bytes)].join('');
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(expected) + 16);
    const { headerLines, body } = decrypt(res);
    expect(headerLines).toContain('Content-Type: application/json; charset=utf-8');
    expect(body.toString('utf8')).toBe(expected);
  });

  it.each([
    ['/bad', 400, 'invalid_request'],
    ['/no-such-endpoint', 404, 'not_found'],
    ['/limited', 429, 'too_many_requests'],
    ['/forbidden', 403, 'insufficient_scope'],
  ])('encrypts the %s error produced after authentication (%i) and keeps its status', async (path, status, error) => {
    const res = await get(path, 'keyed');
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const { headerLines, body } = decrypt(res);
    expect(headerLines).toContain('Content-Type: application/json; charset=utf-8');
    expect(JSON.parse(body.toString('utf8')).error).toBe(error);
    // the headers a client acts on before decrypting stay in clear
    if (status === 429) expect(res.headers.get('retry-after')).toBe('30');
    if (status === 403) expect(res.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope"');
  });

  it('does not encrypt when authentication fails or the Grant has no key', async () => {
    const unknown = await get('/accounts', 'nonsense');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(unknown.body.toString()).error).toBe('invalid_token');

    const plain = await get('/accounts', 'plain');
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body.toString())).toEqual(accounts);
    expect(plain.headers.get('link')).toBe(LINK);
    for (const res of [unknown, plain]) for (const name of jweHeaderNames) expect(res.headers.get(name)).toBeNull();
  });

  it('never answers a conditional request with a plaintext-derived 304', async () => {
    // Without a key the same data gets a validator and conditional requests work…
    const plain = await get('/accounts', 'plain');
    const etag = plain.headers.get('etag');
    expect(etag).toBeTruthy();
    // (fetch adds `Cache-Control: no-cache` to conditional requests unless one is given)
    const revalidate = { 'cache-control': 'max-age=0' };
    expect((await get('/accounts', 'plain', { ...revalidate, 'if-none-match': etag! })).status).toBe(304);
    const since = { ...revalidate, 'if-modified-since': new Date().toUTCString() };
    expect((await get('/modified', 'plain', since)).status).toBe(304);

    // …with a key they are ignored: a full encrypted 200, with no validator inside or outside.
    for (const [path, conditional] of [['/accounts', { ...revalidate, 'if-none-match': etag! }], ['/modified', since]] as const) {
      const res = await get(path, 'keyed', conditional);
      expect(res.status).toBe(200);
      const { headers, body } = decrypt(res);
      expect(JSON.parse(body.toString())).toEqual(accounts);
      expect(headers).not.toMatch(/etag|last-modified/i);
      expect(res.headers.get('etag')).toBeNull();
      expect(res.headers.get('last-modified')).toBeNull();
    }
  });

  it('gives two identical requests unrelated ciphertexts and ephemeral keys', async () => {
    const [a, b] = [await get('/accounts', 'keyed', { 'x-request-id': 'same' }), await get('/accounts', 'keyed', { 'x-request-id': 'same' })];
    expect(decrypt(a).headers).toBe(decrypt(b).headers);
    expect(decrypt(a).body.equals(decrypt(b).body)).toBe(true);
    expect(a.body.equals(b.body)).toBe(false);
    for (const name of jweHeaderNames) expect(a.headers.get(name), name).not.toBe(b.headers.get(name));
  });

  it('handles writeHead with headers followed by several writes', async () => {
    const res = await get('/created', 'keyed', { 'x-request-id': 'req-201' });
    expect(res.status).toBe(201);
    const { headers, body } = decrypt(res);
    expect(headers).toBe('X-Request-Id: req-201\nContent-Type: text/plain\nX-App: a');
    expect(body.toString()).toBe('part1part2');
  });

  it('sends only the headers part when there is no body (HEAD, 204)', async () => {
    for (const [path, method, status] of [['/accounts', 'HEAD', 200], ['/nothing', 'GET', 204]] as const) {
      const res = await get(path, 'keyed', { 'x-request-id': 'bodiless' }, method);
      expect(res.status).toBe(status);
      expect(res.body).toHaveLength(0);
      expect(res.headers.get(JWE_HEADERS.bodyProtectedHeader)).toBeNull();
      expect(res.headers.get(JWE_HEADERS.bodyInitializationVector)).toBeNull();
      expect(res.headers.get('content-type')).toBeNull();
      expect(cdsDecryptHeaders(device.privateJwk, res)).toMatch(/^X-Request-Id: bodiless/);
    }
    const head = await get('/accounts', 'keyed', {}, 'HEAD');
    expect(cdsDecryptHeaders(device.privateJwk, head)).toContain('Content-Type: application/json; charset=utf-8');
  });

  it('aborts a response that fails midway instead of appending the error to it', async () => {
    // As for a plain response whose first bytes were sent: the error handler sees headersSent
    // and the connection is dropped, rather than a 500 carrying half a body plus an error.
    await expect(get('/fails-midway', 'keyed')).rejects.toThrow();
    // the server is still healthy afterwards
    expect((await get('/accounts', 'keyed')).status).toBe(200);
  });

  it('fails closed with a 500 when the stored key cannot be used, never sending plaintext', async () => {
    const res = await get('/accounts', 'broken');
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body.toString())).toEqual({ error: 'server_error', error_description: 'the response could not be encrypted' });
    expect(res.body.toString()).not.toContain('acct-1');
    for (const name of jweHeaderNames) expect(res.headers.get(name)).toBeNull();
  });
});
