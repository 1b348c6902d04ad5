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
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway, loadSupergraph } from '../gateway';
import { startLegacySystems } from '../legacy';
import { startSubgraphs } from '../subgraphs';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 30;
const TOKEN = 'bench-internal-token-0123456789';

/** Data held by one subgraph (accounts → contracts → service points, all CIS). */
const SINGLE = `{ accounts(first: 20) { nodes { id accountNumber accountStatus
  serviceContracts { contractNumber serviceTypes ratePlanCode servicePoints { servicePointNumber servicePointTypes } } } } }`;
/** The same tree plus meters (MDM) and bills (billing): three subgraphs joined by the gateway. */
const FEDERATED = `{ accounts(first: 20) { nodes { id accountNumber accountStatus
  serviceContracts { contractNumber serviceTypes ratePlanCode servicePoints { servicePointNumber servicePointTypes
    currentMeterDevices { meterNumber meterTypes } } }
  billStatements(after: "2026-01-01") { statementDate amountDue } } } }`;

interface Result { label: string; rps: number; p50: number; p99: number; errors: number }

async function load(label: string, url: string, query: string, headers: Record<string, string> = {}): Promise<Result> {
  const send = async () => {
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { errors?: unknown[] };
    return { ms: performance.now() - started, ok: res.ok && !body.errors };
  };
  for (let i = 0; i < WARMUP; i++) await send();
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const began = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      next++;
      const { ms, ok } = await send();
      latencies.push(ms);
      if (!ok) errors++;
    }
  }));
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { label, rps: REQUESTS / seconds, p50: at(0.5), p99: at(0.99), errors };
}

async function main() {
  const legacy = await startLegacySystems({ seed: 'bench', accounts: ACCOUNTS, asOf: '2026-08-01', timezone: 'America/Los_Angeles' });
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

  const results: Result[] = [];
  // Interleaved so a slow phase of the machine does not favour one side.
  results.push(await load('accounts subgraph directly (single-subgraph query)', subgraphs.urls.accounts, SINGLE));
  results.push(await load('Hive Gateway (single-subgraph query)', hiveUrl, SINGLE, auth));
  results.push(await load('@apollo/gateway (single-subgraph query)', apolloUrl, SINGLE));
  results.push(await load('Hive Gateway (federated: CIS + MDM + billing)', hiveUrl, FEDERATED, auth));
  results.push(await load('@apollo/gateway (federated: CIS + MDM + billing)', apolloUrl, FEDERATED));

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
    `Synthetic utility of ${ACCOUNTS} accounts; each target gets ${WARMUP} warm-up requests, then ${REQUESTS} requests at concurrency ${CONCURRENCY}.`,
    'Query: a page of 20 accounts with contracts and service points (one subgraph), then the same tree plus meters and bills (three subgraphs). Everything runs in one process on loopback, simulators included.',
    '',
    table,
    '',
    `Hive Gateway p50 overhead over the subgraph alone: ${(hiveSingle.p50 - direct.p50).toFixed(1)} ms; Hive vs @apollo/gateway on the federated query: ${x(hiveFed.rps, apolloFed.rps)} throughput, p99 ${hiveFed.p99.toFixed(1)} vs ${apolloFed.p99.toFixed(1)} ms.`,
    '',
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (process.env.BENCH_WRITE === '0') return;

  const file = join(dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  // Replace only this section (up to the next "## " heading), leaving others' sections as they are.
  const pattern = /## Federation\n[\s\S]*?(?=\n## |$)/;
  const updated = pattern.test(current) ? current.replace(pattern, section.trimEnd()) : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
