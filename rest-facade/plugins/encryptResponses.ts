import type { Request, RequestHandler, Response } from 'express';
import type { JWK } from 'jose';
import { HttpError, sendError } from '../errors';
import { ENCRYPTED_BODY_TYPE, encryptResponse, headerPlacement, type EncryptedResponse, type HeaderLines } from '../jwe';

type Callback = (err?: Error | null) => void;

/** Header names as the app spelled them; Node has this on every response, @types/node only on requests. */
interface RawHeaderNames {
  getRawHeaderNames(): string[];
}

/**
 * Validators a freshness check compares with If-None-Match/If-Modified-Since. With a key they are
 * never set, so express or `send` cannot answer 304 from plaintext-derived values.
 */
const VALIDATORS = new Set(['etag', 'last-modified']);

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  const view = chunk as Uint8Array;
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** Applies the headers argument of `writeHead`: an object, or a flat `[name, value, …]` list. */
function applyHeadArgument(res: Response, headers: unknown): void {
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) res.appendHeader(String(headers[i]), String(headers[i + 1]));
  } else if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
  }
}

/** Statuses and methods whose responses carry no body, hence no body part. */
function hasBody(req: Request, res: Response): boolean {
  return req.method !== 'HEAD' && res.statusCode >= 200 && res.statusCode !== 204 && res.statusCode !== 304;
}

/**
 * Customer Data responses encrypted to the Grant's `jwk` (cds-wg3-01 §7.4.6; wire format: digest
 * part 8.2; which responses and headers: `docs/spec-decisions.md`, digest part 10 #37/#38).
 *
 * `getJwk` is asked when the response starts — after authentication has run, wherever this is
 * mounted — so a response where authentication failed (no key known) goes out in clear. With a
 * key, the whole response (any status) is buffered, its application headers and `Content-Type`
 * are encrypted into the headers part, its body into the body part; transport headers and the
 * status stay in clear. Nothing derived from the plaintext (ETag, Last-Modified, digests) is sent.
 */
export function encryptResponses(getJwk: (req: Request) => JWK | null): RequestHandler {
  return (req, res, next) => {
    interceptResponse(req, res, getJwk);
    next();
  };
}

function interceptResponse(req: Request, res: Response, getJwk: (req: Request) => JWK | null): void {
  // Kept and called, not restored: wrappers mounted after this plugin stay in the chain.
  const original = {
    setHeader: res.setHeader,
    writeHead: res.writeHead as (...args: unknown[]) => Response,
    write: res.write as (...args: unknown[]) => boolean,
    end: res.end as (...args: unknown[]) => Response,
    flushHeaders: res.flushHeaders,
  };
  let jwk: JWK | null | undefined; // undefined until the response starts
  let passThrough = false; // a clear response, or the encrypted one being sent
  let sent = false; // what `headersSent` would say had the response not been held back
  const chunks: Buffer[] = [];

  /** Decides once, when the response starts, whether it is encrypted. */
  const holding = (): boolean => {
    if (jwk === undefined) {
      jwk = getJwk(req);
      if (jwk === null) passThrough = true;
      // Error handlers check headersSent to abort a half-sent response instead of appending to it.
      else Object.defineProperty(res, 'headersSent', { configurable: true, get: () => sent });
    }
    return !passThrough;
  };

  res.setHeader = function setHeader(this: Response, name: string, value: number | string | readonly string[]) {
    if (!passThrough && VALIDATORS.has(name.toLowerCase()) && (jwk ?? getJwk(req)) !== null) return this;
    return original.setHeader.call(this, name, value);
  } as Response['setHeader'];

  res.writeHead = function writeHead(this: Response, ...args: unknown[]) {
    if (!holding()) return original.writeHead.apply(this, args);
    const [statusCode, reason, headers] = args;
    this.statusCode = statusCode as number;
    if (typeof reason === 'string') this.statusMessage = reason;
    applyHeadArgument(this, typeof reason === 'string' ? headers : reason);
    sent = true;
    return this;
  } as Response['writeHead'];

  res.flushHeaders = function flushHeaders(this: Response) {
    if (!holding()) original.flushHeaders.call(this);
  };

  res.write = function write(this: Response, ...args: unknown[]) {
    if (!holding()) return original.write.apply(this, args);
    const [chunk, encoding, callback] = args;
    chunks.push(toBuffer(chunk, encoding));
    sent = true;
    const cb = [encoding, callback].find((a) => typeof a === 'function') as Callback | undefined;
    if (cb) process.nextTick(cb);
    return true;
  } as Response['write'];

  res.end = function end(this: Response, ...args: unknown[]) {
    if (!holding()) return original.end.apply(this, args);
    const [chunk, encoding] = args;
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    const cb = args.find((a) => typeof a === 'function') as Callback | undefined;
    if (cb) this.once('finish', () => cb());
    passThrough = true;
    delete (this as { headersSent?: boolean }).headersSent;
    sendEncrypted(req, this, jwk as JWK, chunks);
    return this;
  } as Response['end'];
}

/** Sends the held-back response encrypted, through the (now pass-through) response methods. */
function sendEncrypted(req: Request, res: Response, jwk: JWK, chunks: Buffer[]): void {
  const withBody = hasBody(req, res);
  const inner: [string, string][] = [];
  for (const name of (res as Response & RawHeaderNames).getRawHeaderNames()) {
    const placement = headerPlacement(name);
    if (placement === 'clear') continue;
    const value = res.getHeader(name);
    res.removeHeader(name);
    if (placement === 'encrypt' && value !== undefined) {
      for (const v of Array.isArray(value) ? value : [value]) inner.push([name, String(v)]);
    }
  }

  let encrypted: EncryptedResponse;
  try {
    encrypted = encryptResponse(jwk, inner satisfies HeaderLines, withBody ? chunks : null);
  } catch (err) {
    // Never fall back to plaintext: the key was accepted at authorization, so this is a server fault.
    req.log?.error({ err }, 'response could not be encrypted');
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    sendError(res, new HttpError(500, 'server_error', 'the response could not be encrypted'));
    return;
  }

  for (const [name, value] of Object.entries(encrypted.headers)) res.setHeader(name, value);
  if (!withBody) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', ENCRYPTED_BODY_TYPE);
  res.setHeader('Content-Length', encrypted.contentLength);
  for (const piece of encrypted.body) res.write(piece);
  res.end();
}
