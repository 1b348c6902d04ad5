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

export interface RunningSubgraphs {
  urls: SubgraphUrls;
  close(): Promise<void>;
}

/** Starts the four subgraphs on loopback, each talking to its legacy system. */
export async function startSubgraphs(
  config: Pick<Config, 'PUBLIC_URL' | 'CDS_TIMEZONE'>,
  legacy: LegacyUrls,
  options: { log?: Logger; legacyTimeoutMs?: number } = {},
): Promise<RunningSubgraphs> {
  const common = { log: options.log, legacyTimeoutMs: options.legacyTimeoutMs };
  const started: RunningSubgraph[] = [];
  try {
    started.push(await startAccountsSubgraph({ ...common, cisUrl: legacy.cis, publicUrl: config.PUBLIC_URL }));
    started.push(await startMeteringSubgraph({ ...common, mdmUrl: legacy.mdm, timezone: config.CDS_TIMEZONE }));
    started.push(await startBillingSubgraph({ ...common, billingUrl: legacy.billing, timezone: config.CDS_TIMEZONE }));
    started.push(await startEacsSubgraph({ ...common, eacUrl: legacy.eac }));
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
