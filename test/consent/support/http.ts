/** Small HTTP helpers for the consent tests (everything goes over real HTTP). */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export async function call<T = any>(method: string, url: string, o: {
  bearer?: string; basic?: [string, string]; json?: unknown; form?: Record<string, string | string[]>; headers?: Record<string, string>; cookie?: string;
} = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  if (o.basic) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(o.basic[0])}:${encodeURIComponent(o.basic[1])}`).toString('base64')}`;
  if (o.cookie) headers.cookie = o.cookie;
  let body: string | undefined;
  if (o.json !== undefined) { body = JSON.stringify(o.json); headers['content-type'] = 'application/json'; }
  if (o.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(o.form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    body = params.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: any;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

/** The cookie pair a response set (name=value), for the next request. */
export function cookieFrom(reply: Reply, name: string): string | undefined {
  const all = reply.headers.getSetCookie();
  const hit = all.find((c) => c.startsWith(`${name}=`));
  return hit?.split(';')[0];
}

/** The value of a hidden input in a page. */
export function hiddenValue(html: string, name: string): string | undefined {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return m?.[1];
}
