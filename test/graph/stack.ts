import express from 'express';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCisSimulator } from '../../legacy/cis';
import { generateUtility } from '../../legacy/generator';
import type { Utility } from '../../legacy/generator/utility';
import { attachGreenButton, loadGreenButtonDir, startMdmSimulator } from '../../legacy/mdm';
import type { RunningSimulator } from '../../legacy/sim/server';
import { createGateway } from '../../gateway';
import { startSubgraphs, type RunningSubgraphs } from '../../subgraphs';

export const TIMEZONE = 'America/Los_Angeles';
export const TOKEN = 'test-internal-token-0123456789';

export interface StackOptions {
  seed?: string;
  accounts?: number;
  asOf?: string;
  greenButtonDir?: string;
  /** Lets a test change the generated utility (e.g. plant exact decimals) before the systems start. */
  prepare?: (utility: Utility) => void;
  legacyTimeoutMs?: number;
}

export interface GraphStack {
  utility: Utility;
  legacy: { cis: RunningSimulator; mdm: RunningSimulator };
  subgraphs: RunningSubgraphs;
  gatewayUrl: string;
  /** POST a GraphQL request to the gateway with the internal token; returns the parsed body. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Calls received by each legacy system since the last reset. */
  calls(): Record<string, number>;
  resetCalls(): void;
  close(): Promise<void>;
}

/** The real parts over real HTTP: simulators ← subgraphs ← Hive Gateway on an express app, all on loopback. */
export async function startGraphStack(options: StackOptions = {}): Promise<GraphStack> {
  const utility = generateUtility({
    seed: options.seed ?? 'graph-tests', accounts: options.accounts ?? 120, asOf: options.asOf ?? '2026-08-01', timezone: TIMEZONE,
  });
  if (options.greenButtonDir) attachGreenButton(utility, loadGreenButtonDir(options.greenButtonDir));
  options.prepare?.(utility);
  const cis = await startCisSimulator(utility);
  const mdm = await startMdmSimulator(utility);
  const unreachable = 'http://127.0.0.1:9';
  const subgraphs = await startSubgraphs(
    { PUBLIC_URL: 'http://localhost:8080', CDS_TIMEZONE: TIMEZONE },
    { cis: cis.url, mdm: mdm.url, billing: unreachable, eac: unreachable },
    { legacyTimeoutMs: options.legacyTimeoutMs },
  );
  const gateway = createGateway({ INTERNAL_API_TOKEN: TOKEN }, subgraphs.urls);
  const app = express();
  app.use('/graphql', gateway.handler);
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const systems = { cis, mdm };
  return {
    utility,
    legacy: systems,
    subgraphs,
    gatewayUrl,
    async query(query, variables = {}) {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as never;
    },
    calls() {
      const out: Record<string, number> = {};
      for (const sim of Object.values(systems)) Object.assign(out, sim.counters.snapshot().byEndpoint);
      return out;
    },
    resetCalls() {
      for (const sim of Object.values(systems)) sim.counters.reset();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      await subgraphs.close();
      await Promise.all(Object.values(systems).map((s) => s.close()));
    },
  };
}
