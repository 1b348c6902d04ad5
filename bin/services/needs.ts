import { ConfigError, type Config, type LoadedConfig } from '../../lib/config';

/** A setting a service cannot run without, and what it is for there. */
export type Needs = Partial<Record<keyof Config, string>>;

/**
 * Fails fast, naming every needed setting that is unset. A generated token counts as unset: every
 * process would generate its own, and the parts of one deployment must agree on it.
 */
export function requireSettings({ config, generated }: LoadedConfig, needs: Needs): void {
  const missing = Object.entries(needs).filter(([name]) => config[name as keyof Config] === undefined || name in generated);
  if (missing.length === 0) return;
  throw new ConfigError(
    `SERVICE=${config.SERVICE} cannot start without:\n${missing.map(([name, why]) => `  ${name}: ${why}`).join('\n')}`,
  );
}

/** Every process that generates the demo utility must generate the same one, whatever day it starts. */
export const SAME_DEMO_UTILITY: Needs = {
  DEMO_AS_OF: 'the date the demo utility runs up to (YYYY-MM-DD), the same in every process that generates it (with DEMO_SEED, DEMO_ACCOUNTS, GREENBUTTON_DIR)',
};
