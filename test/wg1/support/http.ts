/** A response as the tests look at it: status, headers, raw text and parsed JSON (if any). */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export interface CallOptions {
  bearer?: string;
  basic?: [string, string];
  /** A JSON body (serialized here) or a raw string body sent as is. */
  json?: unknown;
  raw?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export async function call<T = any>(method: string, url: string, options: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.basic) headers.authorization = `Basic ${Buffer.from(`${options.basic[0]}:${options.basic[1]}`).toString('base64')}`;
  let body: string | undefined;
  if (options.json !== undefined) { body = JSON.stringify(options.json); headers['content-type'] ??= 'application/json'; }
  if (options.raw !== undefined) body = options.raw;
  if (options.form) { body = new URLSearchParams(options.form).toString(); headers['content-type'] = 'application/x-www-form-urlencoded'; }
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: any = undefined;
  try { json = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, json };
}
