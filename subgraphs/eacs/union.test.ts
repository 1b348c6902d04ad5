import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EacCertificate } from '../../legacy/eac/records';
import { startEacSimulator } from '../../legacy/eac/server';
import { generateUtility } from '../../legacy/generator/generate';
import type { RunningSimulator } from '../../legacy/sim/server';
import { LegacyClient } from '../shared';
import { EacRegistry } from './registry';
import { unionPage } from './union';

/**
 * "These beneficiaries or general" over the real registry simulator: pages of the merged queries,
 * forward and back, with page sizes that cut across the registry's 100-row pages, against the
 * generator's certificates.
 */

const u = generateUtility({ seed: 'eac-union', accounts: 1500, asOf: '2026-01-20', timezone: 'America/Los_Angeles' });
let eac: RunningSimulator;
let registry: EacRegistry;

beforeAll(async () => {
  eac = await startEacSimulator(u);
  registry = new EacRegistry(new LegacyClient({ system: 'EAC registry', baseUrl: eac.url }));
});
afterAll(() => eac?.close());

const order = (a: EacCertificate, b: EacCertificate) =>
  (a.vintage_start !== b.vintage_start ? (a.vintage_start < b.vintage_start ? 1 : -1)
    : a.issued_at !== b.issued_at ? (a.issued_at < b.issued_at ? 1 : -1)
      : a.certificate_id < b.certificate_id ? -1 : 1);

// Half of the accounts' own certificates and the green tariff's, or the general, contracts' and customers' ones:
// disjoint, and more than one registry page each.
const refs = [...new Set(u.eac.certificates.filter((c) => c.beneficiary_kind === 'ACCOUNT').map((c) => c.beneficiary_refs[0]))]
  .filter((_, i) => i % 2 === 0).concat('E-GREEN');
const kinds = ['GENERAL', 'CONTRACT', 'CUSTOMER'];
const queries = [{ beneficiary: refs.join(',') }, { beneficiary_kind: kinds.join(',') }] as const;
const expected = u.eac.certificates
  .filter((c) => kinds.includes(c.beneficiary_kind) || c.beneficiary_refs.some((r) => refs.includes(r)))
  .sort(order).map((c) => c.certificate_id);

describe('unionPage', () => {
  it('walks forward in the listing order, each page full but the last', async () => {
    const second = u.eac.certificates.filter((c) => kinds.includes(c.beneficiary_kind)).length;
    expect([second, expected.length - second].every((n) => n > 100)).toBe(true);
    const seen: string[] = [];
    let position: string | null = null;
    let previous: string | null = null;
    do {
      const page = await unionPage(registry, queries, { position, limit: 37 }, false);
      expect(page.previous).toBe(previous);
      seen.push(...page.nodes.map((c) => c.certificate_id));
      if (page.next !== null) expect(page.nodes).toHaveLength(37);
      previous = page.next === null ? previous : page.next;
      position = page.next;
    } while (position !== null);
    expect(seen).toEqual(expected);
  });

  it('walks back from the end over the same certificates', async () => {
    const seen: string[] = [];
    // The end position: every match of both queries consumed.
    const named = (await registry.range(queries[0], 0, 1)).total;
    let position: string | null = `${named}+${expected.length - named}`;
    while (position !== null) {
      const page = await unionPage(registry, queries, { position, limit: 23 }, true);
      expect(page.nodes.length).toBeGreaterThan(0);
      seen.unshift(...page.nodes.map((c) => c.certificate_id));
      position = page.previous;
    }
    expect(seen).toEqual(expected);
  });

  it('refuses a position that is not its own', async () => {
    await expect(unionPage(registry, queries, { position: '2:50', limit: 10 }, false)).rejects.toThrow(/invalid cursor/);
  });
});
