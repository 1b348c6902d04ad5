import type { LoadedConfig } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import type { RunningSystem } from '../parts/running';

/** Starts one `SERVICE`; rejects with a ConfigError naming what is missing. */
export type Starter = (loaded: LoadedConfig, log: Logger) => Promise<RunningSystem>;
