/**
 * Customer Data API benchmarks (`npx tsx bench/customer-data.ts`), measured in one run and written
 * to bench/RESULTS.md under "Customer Data APIs":
 *  (a) a cached and an uncached page of 100 accounts vs a bare node:http server sending the same bytes;
 *  (b) a 15-minute meter-year (35,040 intervals) fetched through the API: time and peak memory;
 *  (c) a page deep into 100,000 accounts vs the first page;
 *  (d) the cost of encryption (a Grant `jwk`) on a 100-account page and a large usage page.
 * Everything runs in this process on loopback (simulators, subgraphs, gateway, facade), so every
 * number includes the legacy simulators' own work.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { recipientKeyPair } from '../test/jwe/keys';
import { startSystem, type System } from '../test/support/system';
import { allIncludes, directToken, seedClients } from '../test/customer-data/support/tokens';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const YEAR_FORMATS = ['electric_interval_kwh_forward', 'electric_interval_kw_demand'];
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const DEEP_ACCOUNTS = Number(process.env.BENCH_DEEP_ACCOUNTS ?? 100_000);
const DEEP_PAGE = Number(process.env.BENCH_DEEP_PAGE ?? 500);

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  bytes: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => n.toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** `requests` GETs at `concurrency`, after a short warm-up. */
async function load(url: string, headers: Record<string, string>, requests = REQUESTS, concurrency = CONCURRENCY): Promise<Run> {
  const one = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    return { ok: res.status === 200, ms: performance.now() - started, bytes: body.byteLength };
  };
  for (let i = 0; i < Math.min(20, requests); i++) await one();
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      next++;
      const r = await one();
      latencies.push(r.ms);
      bytes = r.bytes;
      if (!r.ok) errors++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: requests / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, bytes };
}

/** A bare node:http server answering every request with these bytes: the ceiling on this machine. */
async function bare(body: Buffer, type: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** Peak RSS while `work` runs (sampled every 10 ms). */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; before: number; peak: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, before, peak };
  } finally {
    clearInterval(timer);
  }
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

interface UsagePage {
  usage_segments: { values: unknown[][] }[];
  next: string | null;
}

async function walkUsage(system: System, token: string, path: string) {
  let url: string | null = `${system.url}${path}`;
  let pages = 0;
  let intervals = 0;
  let bytes = 0;
  while (url) {
    const res = await fetch(url, { headers: auth(token) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text}`);
    const page = JSON.parse(text) as UsagePage;
    pages++;
    bytes += text.length;
    intervals += page.usage_segments.reduce((n, s) => n + s.values.length, 0);
    url = page.next;
  }
  return { pages, intervals, bytes };
}

async function partOne(lines: string[]) {
  const cached = await startSystem({ seed: 'bench-customer-data', accounts: 1000 });
  const uncached = await startSystem({ seed: 'bench-customer-data', accounts: 1000, env: { CUSTOMER_DATA_CACHE: 'off' } });
  try {
    const u = cached.utility;
    const tokens = async (system: System) => {
      const clients = await seedClients(system);
      const device = recipientKeyPair();
      const accounts = allIncludes(system, 'cds_query_accounts');
      const usage = { segment_start: '2025-07-31T07:00:00Z', segment_end: 'infinite' };
      return {
        accounts: (await directToken(system, clients, 'cds_query_accounts', accounts)).access_token,
        accountsJwk: (await directToken(system, clients, 'cds_query_accounts', { ...accounts, jwk: device.publicJwk })).access_token,
        usage: (await directToken(system, clients, 'cds_query_usage', usage)).access_token,
        // The meter-year walk: the 15-minute intervals in kWh and their average demand, nothing else.
        year: (await directToken(system, clients, 'cds_query_usage', { ...usage, include_usage_segment_value_types: YEAR_FORMATS })).access_token,
        usageJwk: (await directToken(system, clients, 'cds_query_usage', { ...usage, jwk: device.publicJwk })).access_token,
      };
    };
    const [hot, cold] = [await tokens(cached), await tokens(uncached)];

    // (a) a page of 100 accounts
    const page = '/cds-customerdata-api/v1/accounts?limit=100';
    const sample = await fetch(`${cached.url}${page}`, { headers: auth(hot.accounts) });
    const bytes = Buffer.from(await sample.arrayBuffer());
    const ceiling = await bare(bytes, sample.headers.get('content-type')!);
    const runs = {
      bare: await load(ceiling.url, {}),
      cached: await load(`${cached.url}${page}`, auth(hot.accounts)),
      uncached: await load(`${uncached.url}${page}`, auth(cold.accounts), Math.min(REQUESTS, 150)),
    };
    ceiling.server.close();
    lines.push('### (a) A page of 100 accounts', '',
      `\`GET /cds-customerdata-api/v1/accounts?limit=100\` (${mb(bytes.length)} MB, all include fields), ${REQUESTS} requests at concurrency ${CONCURRENCY} after 20 warm-up requests (150 for the uncached page); the bare server sends the same bytes.`, '',
      '| target | req/s | p50 ms | p99 ms | errors | throughput vs bare |', '|---|---:|---:|---:|---:|---:|');
    measured.cachedRatio = runs.cached.rps / runs.bare.rps;
    measured.uncachedRatio = runs.uncached.rps / runs.bare.rps;
    for (const [name, r] of [['bare node:http, same bytes', runs.bare], ['API, cached page (store hit)', runs.cached], ['API, uncached page (gateway → CIS each time)', runs.uncached]] as const) {
      lines.push(`| ${name} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} | ${(r.rps / runs.bare.rps).toFixed(3)}× |`);
    }

    // (b) a 15-minute meter-year through the API
    const meter = u.mdm.meters.find((m) => m.commodity === 'ELECTRIC' && m.flow === 'FORWARD' && u.loads.get(m.meterId)?.slotSeconds === 900
      && m.installs.length === 1 && m.installs[0].removedAt === null && Date.parse(m.installs[0].installedAt) < Date.parse('2025-07-01T00:00:00Z'))!;
    const year = `/cds-customerdata-api/v1/usage-segments?cds_meterdevice_ids=${meter.meterId}&after=2025-08-01T08:00:00Z&before=2026-07-31T07:00:00Z`;
    const walks: [string, System, string][] = [['uncached (MDM ESPI feeds each time)', uncached, cold.year], ['first walk, cache on', cached, hot.year], ['second walk (cached)', cached, hot.year]];
    lines.push('', '### (b) A 15-minute meter-year through the API', '',
      `Meter ${meter.meterId}: every page of \`usage-segments?cds_meterdevice_ids=…\` for 2025-08-01..2026-07-31 (local days), 100 segments per page, formats ${YEAR_FORMATS.map((f) => `\`${f}\``).join(' and ')}.`, '',
      '| walk | pages | intervals | JSON | time | RSS before → peak |', '|---|---:|---:|---:|---:|---:|');
    for (const [name, system, token] of walks) {
      const started = performance.now();
      const { result, before, peak } = await peakRss(() => walkUsage(system, token, year));
      const seconds = (performance.now() - started) / 1000;
      if (name.startsWith('uncached')) measured.yearPageSeconds = seconds / result.pages;
      if (name.startsWith('second')) measured.yearCachedSeconds = seconds;
      lines.push(`| ${name} | ${result.pages} | ${result.intervals.toLocaleString('en-US')} | ${mb(result.bytes)} MB | ${((performance.now() - started) / 1000).toFixed(2)} s | ${mb(before)} → ${mb(peak)} MB |`);
    }

    // (d) encryption
    const solar = u.mdm.meters.find((m) => m.flow === 'BIDIRECTIONAL' && u.loads.has(m.meterId) && m.installs.some((i) => i.removedAt === null))!;
    // The issue asks for a 1 MB usage page: the page size that comes closest, from the size of a full page.
    const usagePageOf = (limit: number) => `/cds-customerdata-api/v1/usage-segments?cds_meterdevice_ids=${solar.meterId}&limit=${limit}`;
    const pageBytes = async (path: string) => (await (await fetch(`${cached.url}${path}`, { headers: auth(hot.usage) })).arrayBuffer()).byteLength;
    const usageLimit = Math.max(1, Math.min(100, Math.round(100 * 1024 * 1024 / await pageBytes(usagePageOf(100)))));
    const usagePage = usagePageOf(usageLimit);
    const usageBytes = await pageBytes(usagePage);
    const enc = {
      plainAccounts: await load(`${cached.url}${page}`, auth(hot.accounts)),
      keyedAccounts: await load(`${cached.url}${page}`, auth(hot.accountsJwk)),
      plainUsage: await load(`${cached.url}${usagePage}`, auth(hot.usage), Math.min(REQUESTS, 150)),
      keyedUsage: await load(`${cached.url}${usagePage}`, auth(hot.usageJwk), Math.min(REQUESTS, 150)),
    };
    lines.push('', '### (d) The cost of encryption', '',
      `The same cached pages for a token without and with a Grant \`jwk\` (ECDH-ES + A256GCM, headers and body, a fresh ephemeral key per response): 100 accounts (${mb(bytes.length)} MB) and ${usageLimit} usage segments of a bidirectional meter (${mb(usageBytes)} MB of JSON).`, '',
      '| page | req/s clear | req/s encrypted | throughput ratio | p50 clear → encrypted ms | p99 clear → encrypted ms |', '|---|---:|---:|---:|---:|---:|');
    measured.accountsEncRatio = enc.keyedAccounts.rps / enc.plainAccounts.rps;
    measured.usageEncRatio = enc.keyedUsage.rps / enc.plainUsage.rps;
    for (const [name, plain, keyed] of [['100 accounts', enc.plainAccounts, enc.keyedAccounts], [`${usageLimit} usage segments (${mb(usageBytes)} MB)`, enc.plainUsage, enc.keyedUsage]] as const) {
      lines.push(`| ${name} | ${plain.rps.toFixed(0)} | ${keyed.rps.toFixed(0)} | ${(keyed.rps / plain.rps).toFixed(2)}× | ${ms(plain.p50)} → ${ms(keyed.p50)} | ${ms(plain.p99)} → ${ms(keyed.p99)} |`);
    }
  } finally {
    await cached.close();
    await uncached.close();
  }
}

async function partTwo(lines: string[]) {
  const started = performance.now();
  const system = await startSystem({ seed: 'bench-customer-data-deep', accounts: DEEP_ACCOUNTS, env: { CUSTOMER_DATA_CACHE: 'off' } });
  const startup = (performance.now() - started) / 1000;
  try {
    const clients = await seedClients(system);
    const token = (await directToken(system, clients, 'cds_query_accounts', allIncludes(system, 'cds_query_accounts'))).access_token;
    const first = `${system.url}/cds-customerdata-api/v1/accounts?limit=100`;
    let deep = first;
    for (let i = 1; i < DEEP_PAGE; i++) {
      const page = await (await fetch(deep, { headers: auth(token) })).json() as { next: string };
      deep = page.next;
    }
    // Interleaved, one request at a time, so both pages meet the same machine load.
    const samples = { first: [] as number[], deep: [] as number[] };
    const calls = { first: 0, deep: 0 };
    const gateway = { first: 0, deep: 0 };
    for (let i = 0; i < 80; i++) {
      for (const [name, url] of [['first', first], ['deep', deep]] as const) {
        system.resetCounters();
        const t0 = performance.now();
        const res = await fetch(url, { headers: auth(token) });
        await res.arrayBuffer();
        if (i < 20) continue; // warm-up
        samples[name].push(performance.now() - t0);
        calls[name] += system.legacyCalls();
        gateway[name] += system.gatewayRequests();
      }
    }
    const stats = (name: 'first' | 'deep') => {
      const sorted = [...samples[name]].sort((x, y) => x - y);
      return { run: { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }, calls: calls[name] / sorted.length, gateway: gateway[name] / sorted.length };
    };
    const a = stats('first');
    const b = stats('deep');
    measured.deepP50Ratio = b.run.p50 / a.run.p50;
    measured.deepCalls = a.calls;
    lines.push('', '### (c) A page deep into 100,000 accounts', '',
      `${DEEP_ACCOUNTS.toLocaleString('en-US')} accounts (system up in ${startup.toFixed(0)} s), cache off, one request at a time, the two pages alternating (60 each after 20 warm-up): page 1 vs page ${DEEP_PAGE} (reached by following \`next\`, i.e. accounts ${((DEEP_PAGE - 1) * 100).toLocaleString('en-US')}–${(DEEP_PAGE * 100 - 1).toLocaleString('en-US')}).`, '',
      '| page | p50 ms | p99 ms | legacy calls / request | gateway requests / request |', '|---|---:|---:|---:|---:|',
      `| 1 | ${ms(a.run.p50)} | ${ms(a.run.p99)} | ${a.calls.toFixed(1)} | ${a.gateway.toFixed(1)} |`,
      `| ${DEEP_PAGE} | ${ms(b.run.p50)} | ${ms(b.run.p99)} | ${b.calls.toFixed(1)} | ${b.gateway.toFixed(1)} |`,
      '', `Cost ratio deep/first: p50 ${(b.run.p50 / a.run.p50).toFixed(2)}×, legacy calls ${(b.calls / a.calls).toFixed(2)}×.`);
  } finally {
    await system.close();
  }
}

/** What the reading notes quote, filled as the parts run. */
const measured = { cachedRatio: 0, uncachedRatio: 0, yearPageSeconds: 0, yearCachedSeconds: 0, deepP50Ratio: 0, deepCalls: 0, accountsEncRatio: 0, usageEncRatio: 0 };

function notes(): string[] {
  const m = measured;
  return [
    'Reading the numbers:',
    `- A cached page is served at ${m.cachedRatio.toFixed(2)}× the bare server's rate: per request the facade verifies the JWT and re-reads the`,
    '  token, Client, Credential and Grant records (immediate revocation), resolves the access (cached per Grant), reads the cached',
    `  graph result (JSON parse) and writes the exact-decimal JSON. The uncached page (${m.uncachedRatio.toFixed(3)}×) adds the gateway, the accounts`,
    `  subgraph and the CIS (${m.deepCalls.toFixed(0)} legacy call${m.deepCalls === 1 ? '' : 's'} per page, see (c)).`,
    `- The uncached meter-year costs ${m.yearPageSeconds.toFixed(2)} s per page, mostly the MDM writing and the metering subgraph reading 100`,
    `  meter-days of ESPI XML; from the cache the whole walk takes ${m.yearCachedSeconds.toFixed(2)} s.`,
    `- A deep page costs what the first does (p50 ${m.deepP50Ratio.toFixed(2)}×): the same legacy calls and one gateway request. The p99s are`,
    '  pauses both pages meet alike (they alternate): most likely garbage collection of the 100,000-account utility, whose ~1 GB',
    '  of tables the simulators hold in this same process.',
    '- Encryption costs two P-256 key generations, two ECDH agreements and AES-GCM over the body per response: visible on a small',
    `  page (${m.accountsEncRatio.toFixed(2)}× throughput), small beside the rest of the work on a 1 MB one (${m.usageEncRatio.toFixed(2)}×).`,
  ];
}

async function main() {
  const load0 = os.loadavg()[0];
  const lines = [
    '## Customer Data APIs', '',
    `\`npx tsx bench/customer-data.ts\` — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model.trim()} (${os.cpus().length} cores), Node ${process.version}.`,
    'One process on loopback: the four legacy simulators, the four subgraphs, the Hive gateway and the facade (embedded store) serve the',
    `requests the benchmark sends, so every API number includes the simulators' and the gateway's work. Load average at the start: ${load0.toFixed(1)}.`, '',
  ];
  await partOne(lines);
  await partTwo(lines);
  lines.push('', ...notes());
  const text = `${lines.join('\n')}\n`;
  console.log(text);
  if (process.env.BENCH_DRY) return;
  const path = new URL('./RESULTS.md', import.meta.url);
  const current = readFileSync(path, 'utf8');
  const section = /## Customer Data APIs\n[\s\S]*?(?=\n## |$)/;
  writeFileSync(path, section.test(current) ? current.replace(section, text.trimEnd()) : `${current.trimEnd()}\n\n${text}`);
}

await main();
