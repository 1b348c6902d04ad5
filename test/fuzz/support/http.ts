import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/** No request may take longer than this; one that does is a hang, and fails the test. */
export const REQUEST_TIMEOUT_MS = Number(process.env.FUZZ_REQUEST_TIMEOUT_MS ?? 20_000);

export interface RawRequest {
  method: string;
  /** Sent as written: no URL normalisation, so `..` segments and odd escapes reach the server. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body when the answer says it is JSON and parses; undefined otherwise. */
  json?: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * One HTTP request over node:http rather than fetch, so that a test controls every byte: raw paths,
 * header values fetch would refuse or normalise, invalid UTF-8 bodies. Rejects when no complete
 * answer arrives within the timeout.
 */
export function send(baseUrl: string, req: RawRequest, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RawResponse> {
  const base = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms: ${req.method} ${req.path.slice(0, 200)}`));
    }, timeoutMs);
    const outgoing = request({
      host: base.hostname, port: base.port, method: req.method, path: req.path, agent,
      headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...req.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => { clearTimeout(timer); reject(err); });
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        if (/json/.test(res.headers['content-type'] ?? '')) {
          try { json = JSON.parse(text); } catch { json = undefined; }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    outgoing.on('error', (err) => { clearTimeout(timer); reject(err); });
    outgoing.end(body);
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`,
});
export const formBody = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return params.toString();
};
