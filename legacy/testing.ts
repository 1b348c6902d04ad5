/** Helpers for the legacy simulators' tests: plain HTTP calls and small utilities. */

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function getJson<T = any>(url: string): Promise<HttpAnswer<T>> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export async function postJson<T = any>(url: string, body: unknown): Promise<HttpAnswer<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export async function getText(url: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** URL with query parameters. */
export function withQuery(base: string, query: Record<string, string | number | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/**
 * The readings of an ESPI feed, read independently of the simulator's code: per IntervalReading
 * its MeterReading (from the block's self link), start, duration and value.
 */
export function feedReadings(xml: string): { meterReading: string; start: number; duration: number; value: bigint }[] {
  const out: { meterReading: string; start: number; duration: number; value: bigint }[] = [];
  for (const entry of xml.split('<entry>').slice(1)) {
    const self = /<link rel="self" href="([^"]+)"/.exec(entry)?.[1] ?? '';
    const mr = /\/MeterReading\/([^/]+)\/IntervalBlock/.exec(self)?.[1];
    if (!mr) continue;
    for (const reading of entry.split('<IntervalReading>').slice(1)) {
      const period = /<timePeriod><duration>(\d+)<\/duration><start>([\d.]+)<\/start><\/timePeriod>/.exec(reading)!;
      out.push({ meterReading: mr, duration: Number(period[1]), start: Number(period[2]), value: BigInt(/<value>(-?\d+)<\/value>/.exec(reading)![1]) });
    }
  }
  return out;
}
