import { legacyOptionsFromConfig, startLegacySystems } from '../../legacy';
import type { LegacyUrls } from '../../subgraphs';
import type { RunningSystem } from '../parts/running';
import { requireSettings, SAME_DEMO_UTILITY } from './needs';
import type { Starter } from './starter';

/**
 * One legacy simulator alone (`SERVICE=cis|mdm|billing|eac`) on PORT. It generates the whole demo
 * utility from the DEMO_* settings, as the other three do, so their records join up.
 */
export function legacyService(system: keyof LegacyUrls): Starter {
  return async (loaded, log): Promise<RunningSystem> => {
    requireSettings(loaded, SAME_DEMO_UTILITY);
    const { config } = loaded;
    const external = { cis: true, mdm: true, billing: true, eac: true, [system]: false };
    const legacy = await startLegacySystems({ ...legacyOptionsFromConfig(config), external }, { host: config.HOST, [system]: { port: config.PORT } });
    const sim = legacy[system]!;
    const url = `http://localhost:${new URL(sim.url).port}`;
    log.info({ system, url, accounts: legacy.utility.cis.accounts.length, asOf: legacy.utility.asOf }, 'legacy simulator started');
    return {
      url,
      banner: [`CDS Gateway ${sim.name} simulator listening on ${url} (synthetic utility, ${legacy.utility.cis.accounts.length} accounts as of ${legacy.utility.asOf})`],
      close: legacy.close,
    };
  };
}
