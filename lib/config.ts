import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Green Button samples live beside the project (never copied into it). */
function defaultGreenButtonDir(): string {
  const candidates = [resolve(repoRoot, '../shared/data/greenbutton'), '/work/shared/data/greenbutton'];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

const optionalUrl = z.url().optional();

/** What one process runs (`SERVICE`): everything, or one part of a distributed deployment. */
export const SERVICES = [
  'all', 'cis', 'mdm', 'billing', 'eac',
  'subgraph-accounts', 'subgraph-metering', 'subgraph-billing', 'subgraph-eacs', 'gateway', 'facade',
] as const;
export type Service = (typeof SERVICES)[number];

/**
 * Every setting of every part, from the environment. Documented in the README.
 * Unset service URLs mean "start that part in this process" (the all-in-one default).
 */
export const configSchema = z.object({
  SERVICE: z.enum(SERVICES).default('all'),
  /** Lets a `SERVICE=facade` process keep its state in memory (one replica only: nothing is shared). */
  ALLOW_EMBEDDED_STORE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  REDIS_URL: optionalUrl,
  /** Namespace of every key, so several deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().min(1).default('cds:'),
  /** Customer sign-in sessions end after this many idle minutes (cds-wg3-01 §9.1.2 asks for at least 10, unless a jurisdiction says less). */
  CONSENT_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  INTERNAL_API_TOKEN: z.string().min(16).optional(),
  ADMIN_API_TOKEN: z.string().min(16).optional(),
  // The generator needs 40 accounts to place every archetype (test customers, a whole building, …).
  DEMO_ACCOUNTS: z.coerce.number().int().min(40).max(1_000_000).default(1000),
  DEMO_SEED: z.string().default('cds-demo'),
  DEMO_AS_OF: z.iso.date().optional(),
  CDS_TIMEZONE: z.string().default('America/Los_Angeles'),
  CDS_MODE: z.enum(['sandbox', 'production']).default('sandbox'),
  /** JSON file replacing the demo defaults of scopes, registration fields, coverage and server identity. */
  CDS_SETTINGS_FILE: z.string().optional(),
  /** Items per page of every cds-wg1 listing (cds-wg1-02 allows truncation only above 100). */
  CDS_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  GREENBUTTON_DIR: z.string().default(defaultGreenButtonDir()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CIS_URL: optionalUrl,
  MDM_URL: optionalUrl,
  BILLING_URL: optionalUrl,
  EAC_URL: optionalUrl,
  ACCOUNTS_SUBGRAPH_URL: optionalUrl,
  METERING_SUBGRAPH_URL: optionalUrl,
  BILLING_SUBGRAPH_URL: optionalUrl,
  EACS_SUBGRAPH_URL: optionalUrl,
  GATEWAY_URL: optionalUrl,
  TRUST_PROXY: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(16 * 1024 * 1024),
  RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_CLIENT: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().min(1).default(20),
  ACCESS_TOKEN_TTL: z.coerce.number().int().min(60).max(86_400).default(3600),
  REFRESH_TOKEN_TTL: z.coerce.number().int().min(3600).default(90 * 86_400),
  PKCE_REQUIRED_FOR_CONFIDENTIAL_CLIENTS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Seconds a Grant's resolved access is reused (keyed by the Grant's `modified`); 0 disables the cache. */
  ACCESS_CACHE_TTL: z.coerce.number().int().min(0).max(3600).default(30),
  /** `off`: every Customer Data request reads through the gateway (the per-type TTLs are not used). */
  CUSTOMER_DATA_CACHE: z.enum(['on', 'off']).default('on'),
  /** cds-wg3-01 §4.11: fewest customers an aggregation must group to release its usage without their consent. */
  CDS_AGGREGATION_MIN_CUSTOMERS: z.coerce.number().int().min(1).default(15),
});

export type Config = z.infer<typeof configSchema> & {
  INTERNAL_API_TOKEN: string;
  ADMIN_API_TOKEN: string;
  PUBLIC_URL: string;
};

export class ConfigError extends Error {}

export interface LoadedConfig {
  config: Config;
  /** Settings that were generated because they were unset; print them once at start. */
  generated: Partial<Record<'INTERNAL_API_TOKEN' | 'ADMIN_API_TOKEN', string>>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const generated: LoadedConfig['generated'] = {};
  const token = (name: 'INTERNAL_API_TOKEN' | 'ADMIN_API_TOKEN') => {
    const value = parsed.data[name];
    if (value) return value;
    return (generated[name] = randomBytes(24).toString('base64url'));
  };
  const config: Config = {
    ...parsed.data,
    INTERNAL_API_TOKEN: token('INTERNAL_API_TOKEN'),
    ADMIN_API_TOKEN: token('ADMIN_API_TOKEN'),
    PUBLIC_URL: (parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/$/, ''),
  };
  return { config, generated };
}
