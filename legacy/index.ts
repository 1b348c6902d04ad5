import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Config } from '../lib/config';
import { startBillingSimulator } from './billing';
import { startCisSimulator } from './cis';
import { startEacSimulator } from './eac';
import { generateUtility, type Utility } from './generator';
import { attachGreenButton, loadGreenButtonDir, startMdmSimulator, type MdmMeter } from './mdm';
import type { RunningSimulator, SimulatorOptions } from './sim/server';

/**
 * The four legacy systems over one synthetic utility. Systems whose URL is configured
 * (CIS_URL, MDM_URL, BILLING_URL, EAC_URL) are external and not started here.
 */

export interface LegacyOptions {
  seed: string;
  accounts: number;
  /** Date history runs up to (`YYYY-MM-DD`); default today in `timezone`. */
  asOf?: string;
  timezone: string;
  /** Real Green Button files to attach as meters; null or a missing directory attaches none. */
  greenButtonDir?: string | null;
  /** Systems not to start (they are external). */
  external?: { cis?: boolean; mdm?: boolean; billing?: boolean; eac?: boolean };
}

export interface StartLegacyOptions {
  host?: string;
  /** Per-system simulator options (port, knobs). */
  cis?: SimulatorOptions;
  mdm?: SimulatorOptions;
  billing?: SimulatorOptions;
  eac?: SimulatorOptions;
}

export interface LegacySystems {
  utility: Utility;
  /** null when that system is external. */
  cis: RunningSimulator | null;
  mdm: RunningSimulator | null;
  billing: RunningSimulator | null;
  eac: RunningSimulator | null;
  /** Meters created from Green Button files. */
  greenButtonMeters: MdmMeter[];
  close(): Promise<void>;
}

export function legacyOptionsFromConfig(config: Config): LegacyOptions {
  return {
    seed: config.DEMO_SEED,
    accounts: config.DEMO_ACCOUNTS,
    asOf: config.DEMO_AS_OF,
    timezone: config.CDS_TIMEZONE,
    greenButtonDir: config.GREENBUTTON_DIR,
    external: { cis: !!config.CIS_URL, mdm: !!config.MDM_URL, billing: !!config.BILLING_URL, eac: !!config.EAC_URL },
  };
}

const isConfig = (c: LegacyOptions | Config): c is Config => 'DEMO_SEED' in c;

export async function startLegacySystems(config: LegacyOptions | Config, options: StartLegacyOptions = {}): Promise<LegacySystems> {
  const o = isConfig(config) ? legacyOptionsFromConfig(config) : config;
  const utility = generateUtility({
    seed: o.seed,
    accounts: o.accounts,
    asOf: o.asOf ?? (DateTime.now().setZone(o.timezone).toISODate() as string),
    timezone: o.timezone,
  });
  const greenButtonMeters = o.greenButtonDir && existsSync(o.greenButtonDir)
    ? attachGreenButton(utility, loadGreenButtonDir(o.greenButtonDir))
    : [];
  const started: RunningSimulator[] = [];
  const start = async (skip: boolean | undefined, run: () => Promise<RunningSimulator>) => {
    if (skip) return null;
    const sim = await run();
    started.push(sim);
    return sim;
  };
  const opts = (sim?: SimulatorOptions): SimulatorOptions => ({ host: options.host, ...sim });
  try {
    const cis = await start(o.external?.cis, () => startCisSimulator(utility, opts(options.cis)));
    const mdm = await start(o.external?.mdm, () => startMdmSimulator(utility, opts(options.mdm)));
    const billing = await start(o.external?.billing, () => startBillingSimulator(utility, opts(options.billing)));
    const eac = await start(o.external?.eac, () => startEacSimulator(utility, opts(options.eac)));
    return {
      utility, cis, mdm, billing, eac, greenButtonMeters,
      close: async () => void (await Promise.all(started.map((s) => s.close()))),
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
}

export type { RunningSimulator, SimulatorOptions } from './sim/server';
export type { Knobs, KnobsUpdate } from './sim/knobs';
