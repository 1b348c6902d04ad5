import express from 'express';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLegacySystems, type RunningSimulator } from '../../legacy';
import type { Utility } from '../../legacy/generator/utility';
import { createGateway } from '../../gateway';
import { startSubgraphs, type RunningSubgraphs } from '../../subgraphs';

export const TIMEZONE = 'America/Los_Angeles';
export const TOKEN = 'test-internal-token-0123456789';

export interface StackOptions {
  seed?: string;
  accounts?: number;
  asOf?: string;
  greenButtonDir?: string;
  /** Lets a test change the generated utility's records in place (e.g. plant exact decimals). */
  prepare?: (utility: Utility) => void;
  legacyTimeoutMs?: number;
}

export interface GraphStack {
  utility: Utility;
  legacy: Record<'cis' | 'mdm' | 'billing' | 'eac', RunningSimulator>;
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
  const legacy = await startLegacySystems({
    seed: options.seed ?? 'graph-tests', accounts: options.accounts ?? 120, asOf: options.asOf ?? '2026-08-01', timezone: TIMEZONE,
    greenButtonDir: options.greenButtonDir ?? null,
  });
  const { utility } = legacy;
  options.prepare?.(utility);
  const systems = { cis: legacy.cis!, mdm: legacy.mdm!, billing: legacy.billing!, eac: legacy.eac! };
  const subgraphs = await startSubgraphs(
    { PUBLIC_URL: 'http://localhost:8080', CDS_TIMEZONE: TIMEZONE },
    { cis: systems.cis.url, mdm: systems.mdm.url, billing: systems.billing.url, eac: systems.eac.url },
    { legacyTimeoutMs: options.legacyTimeoutMs },
  );
  const gateway = createGateway({ INTERNAL_API_TOKEN: TOKEN }, subgraphs.urls);
  const app = express();
  app.use('/graphql', gateway.handler);
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
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
      await legacy.close();
    },
  };
}
