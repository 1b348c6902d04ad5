import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig, SERVICES } from '../../lib/config';
import { bindMounts, environmentOf, interpolate, loadCompose, urlsIn, variablesIn, type ComposeService } from './compose';

/**
 * docker-compose.yml checked structurally (there is no Docker engine here): the parts it runs are
 * the ones the starter accepts, with settings the config schema knows and accepts, internal URLs
 * that name a service and the port it listens on, health-gated start order, no secrets in the
 * file, and only the facades and the gateway published.
 */

const compose = loadCompose();
const services = Object.entries(compose.services);
/** What an operator must provide (the `:?` variables); everything else has a default. */
const operatorVars = { INTERNAL_API_TOKEN: 'x'.repeat(32), ADMIN_API_TOKEN: 'y'.repeat(32) };
const parts = services.filter(([, svc]) => svc.build !== undefined);
const envOf = (svc: ComposeService) => environmentOf(svc, operatorVars);
/** The port a service listens on inside its container. */
function containerPort(name: string): number {
  const svc = compose.services[name];
  if (svc.build === undefined) return svc.image?.startsWith('redis') ? 6379 : Number.NaN;
  return configSchema.parse(envOf(svc)).PORT;
}

describe('docker-compose.yml', () => {
  it('runs every part of the starter as its own service from the one image, plus Redis', () => {
    const images = new Set(parts.map(([, svc]) => `${svc.build} ${svc.image}`));
    expect(images.size).toBe(1);
    const started = parts.map(([, svc]) => svc.environment.SERVICE);
    for (const value of started) expect(SERVICES).toContain(value);
    // Every part but the all-in-one, and the facade at least twice (replicas).
    expect(new Set(started)).toEqual(new Set(SERVICES.filter((s) => s !== 'all')));
    expect(started.filter((s) => s === 'facade').length).toBeGreaterThanOrEqual(2);
    const others = services.filter(([, svc]) => svc.build === undefined);
    expect(others.map(([name, svc]) => [name, svc.image?.split(':')[0]])).toEqual([['redis', 'redis']]);
  });

  it('sets only settings of the config schema, and every part parses them', () => {
    const known = Object.keys(configSchema.shape);
    for (const [name, svc] of parts) {
      for (const key of Object.keys(svc.environment)) expect(known, `${name}: ${key}`).toContain(key);
      expect(() => loadConfig(envOf(svc)), name).not.toThrow();
    }
  });

  it('points every internal URL at a defined service, on the port it listens on, and starts it first', () => {
    let urls = 0;
    for (const [name, svc] of parts) {
      for (const [key, value] of Object.entries(envOf(svc))) {
        for (const url of urlsIn(value)) {
          if (['localhost', '127.0.0.1'].includes(url.hostname)) continue; // the public address (PUBLIC_URL)
          urls++;
          expect(Object.keys(compose.services), `${name} ${key}`).toContain(url.hostname);
          expect(Number(url.port), `${name} ${key}`).toBe(containerPort(url.hostname));
          expect(Object.keys(svc.depends_on), `${name} depends on ${url.hostname}`).toContain(url.hostname);
        }
      }
    }
    expect(urls).toBeGreaterThanOrEqual(13); // 4 subgraphs → legacy, gateway → 4 subgraphs, 2 facades × 3
  });

  it('starts a service only once what it depends on is healthy, and every service has a health check', () => {
    for (const [name, svc] of services) {
      expect(svc.healthcheck, name).toBeDefined();
      for (const [dependency, { condition }] of Object.entries(svc.depends_on)) {
        expect(Object.keys(compose.services), `${name} → ${dependency}`).toContain(dependency);
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
      }
    }
    // The parts' check asks the /healthz every part serves, on the port the part listens on.
    for (const [name, svc] of parts) expect(svc.healthcheck!.test.join(' '), name).toMatch(/\/healthz/);
  });

  it('keeps secrets out of the file: tokens come from the environment, required, with no default', () => {
    const secretKeys = /TOKEN|SECRET|PASSWORD/;
    let secrets = 0;
    for (const [name, svc] of parts) {
      for (const [key, raw] of Object.entries(svc.environment)) {
        if (!secretKeys.test(key)) continue;
        secrets++;
        expect(variablesIn(raw), `${name} ${key}`).toEqual([{ name: key, required: true }]);
        expect(raw, `${name} ${key}`).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
      }
      for (const value of Object.values(envOf(svc))) {
        for (const url of urlsIn(value)) expect(url.password, `${name}: credentials in a URL`).toBe('');
      }
    }
    expect(secrets).toBe(5); // INTERNAL_API_TOKEN of the gateway and both facades, ADMIN_API_TOKEN of both facades
    const facade = compose.services['facade-a'];
    expect(() => environmentOf(facade, {})).toThrow(/INTERNAL_API_TOKEN is required/);
  });

  it('publishes only the facades and the gateway, each on the port the part listens on', () => {
    const published = services.filter(([, svc]) => svc.ports.length > 0);
    expect(published.map(([name, svc]) => svc.environment.SERVICE ?? name).sort()).toEqual(['facade', 'facade', 'gateway']);
    const hostPorts = new Set<string>();
    for (const [name, svc] of published) {
      for (const mapping of svc.ports) {
        const [host, container] = mapping.split(':');
        expect(Number(container), name).toBe(containerPort(name));
        expect(hostPorts.has(host), `host port ${host} published twice`).toBe(false);
        hostPorts.add(host);
      }
    }
  });

  it('gives the four simulators the same Green Button folder, read-only, where GREENBUTTON_DIR says', () => {
    const simulators = parts.filter(([, svc]) => ['cis', 'mdm', 'billing', 'eac'].includes(svc.environment.SERVICE));
    expect(simulators).toHaveLength(4);
    const sources = new Set<string>();
    for (const [name, svc] of simulators) {
      const [mount] = bindMounts(svc, operatorVars);
      expect(mount, name).toMatchObject({ target: svc.environment.GREENBUTTON_DIR, readOnly: true });
      sources.add(mount.source);
    }
    expect(sources.size).toBe(1);
    // …and every process that generates the demo utility generates the same one.
    const utilityOf = (svc: ComposeService) => ['DEMO_SEED', 'DEMO_ACCOUNTS', 'DEMO_AS_OF'].map((k) => envOf(svc)[k]);
    const generators = parts.filter(([, svc]) => svc.environment.DEMO_SEED !== undefined);
    expect(generators.length).toBe(6); // four simulators, two facades
    expect(new Set(generators.map(([, svc]) => JSON.stringify(utilityOf(svc)))).size).toBe(1);
  });
});

describe('interpolation as Compose does it', () => {
  it('takes values, defaults and required variables', () => {
    expect(interpolate('${A:-x}/${B}/$${C}', { A: '', B: 'b' })).toBe('x/b/${C}');
    expect(interpolate('${A-x}', { A: '' })).toBe('');
    expect(() => interpolate('${A:?say why}', { A: '' })).toThrow('A is required: say why');
  });
});
