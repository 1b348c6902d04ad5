import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import { buildAccountsSubgraph, startAccountsSubgraph } from './accounts';
import { buildBillingSubgraph, startBillingSubgraph } from './billing';
import { buildEacsSubgraph, startEacsSubgraph } from './eacs';
import { buildMeteringSubgraph, startMeteringSubgraph } from './metering';
import type { BuiltSubgraph, RunningSubgraph } from './shared';

export type SubgraphName = 'accounts' | 'metering' | 'billing' | 'eacs';
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['accounts', 'metering', 'billing', 'eacs'];

/** Where each legacy system answers. */
export interface LegacyUrls {
  cis: string;
  mdm: string;
  billing: string;
  eac: string;
}

export type SubgraphUrls = Record<SubgraphName, string>;

/** Every subgraph's schema, in a fixed order (for composition and the checked-in SDL). */
export async function buildSubgraphs(): Promise<BuiltSubgraph[]> {
  return Promise.all([buildAccountsSubgraph(), buildMeteringSubgraph(), buildBillingSubgraph(), buildEacsSubgraph()]);
}

/** The legacy system each subgraph speaks to. */
export const LEGACY_SYSTEM_OF: Record<SubgraphName, keyof LegacyUrls> = { accounts: 'cis', metering: 'mdm', billing: 'billing', eacs: 'eac' };

type SubgraphConfig = Pick<Config, 'PUBLIC_URL' | 'CDS_TIMEZONE'>;

export interface SubgraphServerOptions {
  log?: Logger;
  legacyTimeoutMs?: number;
  /** Default: a free port on loopback. */
  port?: number;
  host?: string;
}

/** Starts one subgraph over its legacy system at `legacyUrl` (one part per process, or one of the four). */
export function startNamedSubgraph(name: SubgraphName, config: SubgraphConfig, legacyUrl: string, options: SubgraphServerOptions = {}): Promise<RunningSubgraph> {
  switch (name) {
    case 'accounts': return startAccountsSubgraph({ ...options, cisUrl: legacyUrl, publicUrl: config.PUBLIC_URL });
    case 'metering': return startMeteringSubgraph({ ...options, mdmUrl: legacyUrl, timezone: config.CDS_TIMEZONE });
    case 'billing': return startBillingSubgraph({ ...options, billingUrl: legacyUrl, timezone: config.CDS_TIMEZONE });
    case 'eacs': return startEacsSubgraph({ ...options, eacUrl: legacyUrl });
  }
}

export interface RunningSubgraphs {
  urls: SubgraphUrls;
  close(): Promise<void>;
}

/** Starts the four subgraphs on loopback, each talking to its legacy system. */
export async function startSubgraphs(
  config: SubgraphConfig,
  legacy: LegacyUrls,
  options: { log?: Logger; legacyTimeoutMs?: number } = {},
): Promise<RunningSubgraphs> {
  const started: RunningSubgraph[] = [];
  try {
    for (const name of SUBGRAPH_NAMES) started.push(await startNamedSubgraph(name, config, legacy[LEGACY_SYSTEM_OF[name]], options));
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
  const urls = Object.fromEntries(started.map((s) => [s.name, s.url])) as SubgraphUrls;
  return { urls, close: async () => void (await Promise.all(started.map((s) => s.close()))) };
}

/** Subgraph URLs for the gateway: the configured ones (`*_SUBGRAPH_URL`), else the in-process ones. */
export function subgraphUrlsFrom(config: Pick<Config, 'ACCOUNTS_SUBGRAPH_URL' | 'METERING_SUBGRAPH_URL' | 'BILLING_SUBGRAPH_URL' | 'EACS_SUBGRAPH_URL'>, running: SubgraphUrls): SubgraphUrls {
  return {
    accounts: config.ACCOUNTS_SUBGRAPH_URL ?? running.accounts,
    metering: config.METERING_SUBGRAPH_URL ?? running.metering,
    billing: config.BILLING_SUBGRAPH_URL ?? running.billing,
    eacs: config.EACS_SUBGRAPH_URL ?? running.eacs,
  };
}
