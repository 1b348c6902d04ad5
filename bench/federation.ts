/**
 * Federation benchmark (`npx tsx bench/federation.ts`): throughput and latency of the same queries
 * through the Hive Gateway (the one we ship), through @apollo/gateway (dev-only comparison) on the
 * same supergraph, and straight from one subgraph — one run, same machine, same load. Writes the
 * table under "## Federation" in bench/RESULTS.md.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import express from 'express';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway, loadSupergraph } from '../gateway';
import { startLegacySystems } from '../legacy';
import { startSubgraphs } from '../subgraphs';

// 300 accounts: the billing simulator memoises computed bills for 500 accounts, so after the warm-up
// the bills cost it a lookup and the gateways, not the simulator's bill engine, are what is measured.
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 300);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 30;
/** Targets take turns in rounds, so a busy moment of the shared machine is spread over all of them. */
const ROUNDS = 5;
const TOKEN = 'bench-internal-token-0123456789';

const PAGE = 20;
/** Data held by one subgraph (accounts → contracts → service points, all CIS). */
const SINGLE = `query($ids: [ID!]) { accounts(first: ${PAGE}, filter: { ids: $ids }) { nodes { id accountNumber accountStatus
  serviceContracts { contractNumber serviceTypes ratePlanCode servicePoints { servicePointNumber servicePointTypes } } } } }`;
/** The same tree plus meters (MDM) and bills (billing): three subgraphs joined by the gateway. */
const FEDERATED = `query($ids: [ID!]) { accounts(first: ${PAGE}, filter: { ids: $ids }) { nodes { id accountNumber accountStatus
  serviceContracts { contractNumber serviceTypes ratePlanCode servicePoints { servicePointNumber servicePointTypes
    currentMeterDevices { meterNumber meterTypes } } }
  billStatements(after: "2026-01-01") { statementDate amountDue } } } }`;

interface Result { label: string; rps: number; p50: number; p99: number; errors: number }

/**
 * Request i asks for the i-th slice of 20 accounts, so no two concurrent requests are identical
 * (a gateway that merges identical in-flight requests would otherwise measure its cache, not its work).
 */
let accountIds: string[] = [];
const idsFor = (i: number) => Array.from({ length: PAGE }, (_, k) => accountIds[(i * PAGE + k) % accountIds.length]);

interface Target { label: string; url: string; query: string; headers?: Record<string, string>; latencies: number[]; seconds: number; errors: number; sent: number }

const target = (label: string, url: string, query: string, headers?: Record<string, string>): Target =>
  ({ label, url, query, headers, latencies: [], seconds: 0, errors: 0, sent: 0 });

async function send(t: Target): Promise<{ ms: number; ok: boolean }> {
  const variables = { ids: idsFor(t.sent++) };
  const started = performance.now();
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: JSON.stringify({ query: t.query, variables }) });
  const body = (await res.json()) as { errors?: unknown[] };
  return { ms: performance.now() - started, ok: res.ok && !body.errors };
}

/** One round for one target: `count` requests at CONCURRENCY, bounded and self-terminating. */
async function round(t: Target, count: number) {
  let issued = 0;
  const began = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (issued < count) {
      issued++;
      const { ms, ok } = await send(t);
      t.latencies.push(ms);
      if (!ok) t.errors++;
    }
  }));
  t.seconds += (performance.now() - began) / 1000;
}

function summarise(t: Target): Result {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { label: t.label, rps: sorted.length / t.seconds, p50: at(0.5), p99: at(0.99), errors: t.errors };
}

async function main() {
  const startLoad = loadavg()[0];
  const legacy = await startLegacySystems({ seed: 'bench', accounts: ACCOUNTS, asOf: '2026-08-01', timezone: 'America/Los_Angeles' });
  accountIds = legacy.utility.cis.accounts.map((a) => a.ACCT_ID);
  const subgraphs = await startSubgraphs({ PUBLIC_URL: 'http://localhost', CDS_TIMEZONE: 'America/Los_Angeles' },
    { cis: legacy.cis!.url, mdm: legacy.mdm!.url, billing: legacy.billing!.url, eac: legacy.eac!.url });

  const hive = createGateway({ INTERNAL_API_TOKEN: TOKEN }, subgraphs.urls);
  const app = express();
  app.use('/graphql', hive.handler);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const hiveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: loadSupergraph(subgraphs.urls) }) });
  const { url: apolloUrl } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
  const auth = { authorization: `Bearer ${TOKEN}` };

  const targets = [
    target('accounts subgraph directly (single-subgraph query)', subgraphs.urls.accounts, SINGLE),
    target('Hive Gateway (single-subgraph query)', hiveUrl, SINGLE, auth),
    target('@apollo/gateway (single-subgraph query)', apolloUrl, SINGLE),
    target('Hive Gateway (federated: CIS + MDM + billing)', hiveUrl, FEDERATED, auth),
    target('@apollo/gateway (federated: CIS + MDM + billing)', apolloUrl, FEDERATED),
  ];
  for (const t of targets) for (let i = 0; i < WARMUP; i++) await send(t);
  for (const t of targets) Object.assign(t, { latencies: [], seconds: 0, errors: 0 });
  for (let r = 0; r < ROUNDS; r++) for (const t of targets) await round(t, REQUESTS / ROUNDS);
  const results = targets.map(summarise);

  server.closeAllConnections();
  server.close();
  await Promise.all([hive.close(), apollo.stop()]);
  await subgraphs.close();
  await legacy.close();

  const [direct, hiveSingle, apolloSingle, hiveFed, apolloFed] = results;
  const row = (r: Result, ratio: string) => `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${ratio} |`;
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const table = [
    '| target | req/s | p50 ms | p99 ms | errors | ratio |',
    '|---|---|---|---|---|---|',
    row(direct, 'baseline'),
    row(hiveSingle, `${x(hiveSingle.rps, direct.rps)} of direct throughput`),
    row(apolloSingle, `${x(apolloSingle.rps, direct.rps)} of direct throughput`),
    row(hiveFed, `${x(hiveFed.rps, apolloFed.rps)} Apollo's throughput`),
    row(apolloFed, 'baseline for the federated query'),
  ].join('\n');
  const section = [
    '## Federation',
    '',
    `\`npx tsx bench/federation.ts\` — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'cpu'} (${availableParallelism()} cores), Node ${process.version}.`,
    `Synthetic utility of ${ACCOUNTS} accounts; each target gets ${WARMUP} warm-up requests, then ${REQUESTS} requests at concurrency ${CONCURRENCY}, in ${ROUNDS} rounds taking turns with the other targets.`,
    'Query: 20 accounts (a different slice per request, so no request repeats one in flight) with contracts and service points (one subgraph), then the same tree plus meters and bills (three subgraphs). Everything runs in one process on loopback, simulators included, so the legacy simulators\' own cost is in every number.',
    `Machine load average at the start: ${startLoad.toFixed(1)}${startLoad > availableParallelism() ? ' (other work was running on the machine)' : ''}.`,
    'All parts share one Node event loop, so gateway CPU time directly delays the subgraphs it calls: overheads here are upper bounds for a deployment with the gateway in its own process.',
    '',
    table,
    '',
    `Hive Gateway p50 overhead over the subgraph alone: ${(hiveSingle.p50 - direct.p50).toFixed(1)} ms; Hive vs @apollo/gateway on the federated query: ${x(hiveFed.rps, apolloFed.rps)} throughput, p99 ${hiveFed.p99.toFixed(1)} vs ${apolloFed.p99.toFixed(1)} ms.`,
    '',
    // The product's gateway choice is the licence; the bench says what it costs or gains in speed here.
    `The gateway is Hive for its licence (MIT; \`@apollo/gateway\` is Elastic License 2.0), and this run measures it at ${x(hiveFed.rps, apolloFed.rps)} of Apollo's throughput on the federated query. Both are far from the subgraph's own rate on one event loop; the facade's operation cache (Customer Data APIs, below) is what keeps repeated reads off the gateway.`,
    '',
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (process.env.BENCH_WRITE === '0') return;

  const file = join(dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  // Replace only this section (up to the next "## " heading), leaving others' sections as they are.
  const pattern = /## Federation\n[\s\S]*?(?=\n## |$)/;
  const updated = pattern.test(current) ? current.replace(pattern, `${section.trimEnd()}\n`) : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
