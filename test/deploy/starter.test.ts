import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startService } from '../../bin/services';
import { ConfigError, loadConfig } from '../../lib/config';

/**
 * The starter's contract for one part per process: an unknown SERVICE or a missing setting is a
 * clear error naming what to set, before anything listens; a generated token does not count (the
 * parts would not agree on it); the facade needs Redis unless explicitly allowed to run alone.
 */

const log = pino({ level: 'silent' });
const start = (env: Record<string, string>) => startService(loadConfig({ HOST: '127.0.0.1', PORT: '0', ...env }), log);

async function refusal(env: Record<string, string>): Promise<string> {
  const err = await start(env).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  return (err as ConfigError).message;
}

/** The setting names a refusal lists, one per line. */
const named = (message: string) => [...message.matchAll(/^ {2}([A-Z_]+):/gm)].map(([, name]) => name).sort();

const TOKENS = { INTERNAL_API_TOKEN: 'internal-token-0123456789', ADMIN_API_TOKEN: 'admin-token-0123456789' };

// Each starter imports its part on first use: generous time for that on a busy machine.
describe('SERVICE=<part>', { timeout: 180_000 }, () => {
  it('refuses an unknown part, naming the setting', () => {
    expect(() => loadConfig({ SERVICE: 'billing-subgraph' })).toThrow(ConfigError);
    expect(() => loadConfig({ SERVICE: 'billing-subgraph' })).toThrow(/SERVICE/);
  });

  it('names every setting the facade needs, a generated token counting as missing', async () => {
    const message = await refusal({ SERVICE: 'facade' });
    expect(message).toMatch(/^SERVICE=facade cannot start without:/);
    expect(named(message)).toEqual(['ADMIN_API_TOKEN', 'CIS_URL', 'DEMO_AS_OF', 'GATEWAY_URL', 'INTERNAL_API_TOKEN', 'REDIS_URL']);
  });

  it('keeps the facade off the embedded store unless ALLOW_EMBEDDED_STORE=true, then serves /healthz', async () => {
    const env = { SERVICE: 'facade', ...TOKENS, GATEWAY_URL: 'http://127.0.0.1:9/graphql', CIS_URL: 'http://127.0.0.1:9', DEMO_AS_OF: '2026-08-01' };
    expect(named(await refusal(env))).toEqual(['REDIS_URL']);
    const alone = await start({ ...env, ALLOW_EMBEDDED_STORE: 'true' });
    try {
      const health = await fetch(`${alone.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', service: 'facade', store: 'memory' });
      expect(alone.banner.join('\n')).toMatch(/run one replica only/);
    } finally {
      await alone.close();
    }
  });

  it('names the subgraph URLs and the token the gateway needs', async () => {
    const message = await refusal({ SERVICE: 'gateway', METERING_SUBGRAPH_URL: 'http://127.0.0.1:9/' });
    expect(named(message)).toEqual(['ACCOUNTS_SUBGRAPH_URL', 'BILLING_SUBGRAPH_URL', 'EACS_SUBGRAPH_URL', 'INTERNAL_API_TOKEN']);
  });

  it('names the legacy system a subgraph reads', async () => {
    expect(named(await refusal({ SERVICE: 'subgraph-metering', CIS_URL: 'http://127.0.0.1:9' }))).toEqual(['MDM_URL']);
    expect(named(await refusal({ SERVICE: 'subgraph-accounts' }))).toEqual(['CIS_URL']);
  });

  it('makes every simulator process name the date of the demo utility, so they all generate the same one', async () => {
    for (const service of ['cis', 'mdm', 'billing', 'eac']) expect(named(await refusal({ SERVICE: service }))).toEqual(['DEMO_AS_OF']);
  });

  it('serves one simulator alone: its own API and /healthz, on the port it was given', async () => {
    const eac = await start({ SERVICE: 'eac', DEMO_AS_OF: '2026-08-01', DEMO_ACCOUNTS: '40', GREENBUTTON_DIR: '/nonexistent' });
    try {
      expect(await (await fetch(`${eac.url}/healthz`)).json()).toEqual({ status: 'ok', system: 'eac' });
      const page = await fetch(`${eac.url}/registry/v1/certificates`);
      expect(page.status).toBe(200);
      // Not the CIS: that system is another process.
      expect((await fetch(`${eac.url}/cis/v1/accounts`)).status).toBe(404);
    } finally {
      await eac.close();
    }
  });
});
