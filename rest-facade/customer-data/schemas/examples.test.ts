import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { bullets, httpExamples, readSpec, repairExampleJson, sections } from '../../../test/openapi/cdsSpec';
import { JsonDecimal, parseExact, type ExactJson } from '../../json';
import { CUSTOMER_DATA_BASE_PATH, customerDataListings } from '.';

// Every Customer Data response example of cds-wg3-01 §13, read from the spec at test time.
const markdown = readSpec();
const spec = sections(markdown);
const examples = httpExamples(markdown)
  .filter((e) => e.target.startsWith(`${CUSTOMER_DATA_BASE_PATH}/`))
  .map((e) => {
    const listing = customerDataListings.find((l) => l.path === e.target.split('?')[0]);
    return { ...e, listing, parsed: parseExact(repairExampleJson(e.body).json) as Record<string, ExactJson> };
  });

/** The §10 object format section of each listing's objects (by permalink anchor). */
const OBJECT_SECTION: Record<string, string> = {
  accounts: 'account-format',
  service_contracts: 'service-contract-format',
  service_points: 'service-point-format',
  meter_devices: 'meter-device-format',
  bill_statements: 'bill-statement-format',
  bill_sections: 'bill-section-format',
  aggregations: 'aggregation-format',
  usage_segments: 'usage-segment-format',
  eacs: 'eac-format',
};

/** A deep copy that keeps JsonDecimal instances (structuredClone would turn them into plain objects). */
function clone<T>(v: T): T {
  if (v instanceof JsonDecimal || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
}

/** Enumerated fields (§10.x.y Types/Statuses and §10.8.7 field types) that occur in the examples. */
const ENUM_FIELDS = new Set(['account_status', 'contract_status', 'units', 'direction', 'quality', 'type']);

/** Paths of every enumerated value: entries of `types`/`*_types` arrays and the ENUM_FIELDS, at any depth. */
function enumsIn(value: ExactJson, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    const key = at[at.length - 1];
    if (typeof key === 'string' && /(^|_)types$/.test(key)) return value.map((_, i) => [...at, i]);
    return value.flatMap((v, i) => enumsIn(v, [...at, i]));
  }
  if (value === null || typeof value !== 'object' || value instanceof JsonDecimal) return [];
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' && ENUM_FIELDS.has(k) ? [[...at, k]] : enumsIn(v, [...at, k])));
}
const fails = (schema: z.ZodType, value: unknown) => expect(schema.safeParse(value).success).toBe(false);

/** Every JsonDecimal in a value, with a setter to replace it. */
function decimalsIn(value: ExactJson, at: (string | number)[] = []): (string | number)[][] {
  if (value instanceof JsonDecimal) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => decimalsIn(v, [...at, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => decimalsIn(v, [...at, k]));
  return [];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

function getAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

describe('cds-wg3-01 §13 Customer Data response examples', () => {
  it('are all found and each belongs to one of the nine listing endpoints', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const e of examples) {
      expect(e.method, `§${e.section.number}`).toBe('GET');
      expect(e.status).toBe(200);
      expect(e.listing, `§${e.section.number} ${e.target}`).toBeDefined();
    }
  });

  it.each(examples.map((e) => [`§${e.section.number} ${e.target}`, e] as const))('%s validates against our response schema', (_name, e) => {
    const result = e.listing!.list.safeParse(e.parsed);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('have decimals and enumerated values for the mutation tests below to change', () => {
    expect(examples.flatMap((e) => decimalsIn(e.parsed)).length).toBeGreaterThan(5);
    expect(examples.flatMap((e) => enumsIn(e.parsed)).length).toBeGreaterThan(10);
  });

  it('keep their decimals exactly as written', () => {
    const bills = examples.find((e) => e.listing!.listKey === 'bill_statements')!.parsed.bill_statements as Record<string, ExactJson>[];
    expect((bills[0].amount_due as JsonDecimal).token).toBe('2000.00');
    const usage = examples.find((e) => e.listing!.listKey === 'usage_segments')!.parsed.usage_segments as Record<string, ExactJson>[];
    expect((usage[0].interval as JsonDecimal).token).toBe('900');
    expect(getAt(usage[0], ['values', 0, 0, 'eu'])).toEqual(new JsonDecimal('10.0'));
  });

  describe.each(examples.map((e) => [`§${e.section.number} ${e.target}`, e] as const))('mutations of %s fail', (_name, e) => {
    const listKey = e.listing!.listKey;
    const list = e.listing!.list;
    const fields = bullets(spec.get(OBJECT_SECTION[listKey])!.body);
    const required = fields.filter((f) => f.requirement === 'REQUIRED').map((f) => f.name);
    const notNullable = fields.filter((f) => !f.nullable).map((f) => f.name);

    it('without any one REQUIRED field (§10 object format)', () => {
      expect(required.length).toBeGreaterThan(3);
      for (const field of required) {
        const mutated = clone(e.parsed);
        delete (mutated[listKey] as Record<string, unknown>[])[0][field];
        expect(list.safeParse(mutated).success, `without ${field}`).toBe(false);
      }
    });

    it('with null in any field that is not "or null"', () => {
      const object = (e.parsed[listKey] as Record<string, unknown>[])[0];
      for (const field of notNullable.filter((f) => f in object)) {
        const mutated = clone(e.parsed);
        (mutated[listKey] as Record<string, unknown>[])[0][field] = null;
        expect(list.safeParse(mutated).success, `${field}: null`).toBe(false);
      }
    });

    it('with a float, or a number in a string, where a decimal is required', () => {
      for (const path of decimalsIn(e.parsed[listKey])) {
        const token = (getAt(e.parsed[listKey], path) as JsonDecimal).token;
        for (const wrong of [Number(token), token]) {
          const mutated = clone(e.parsed);
          setAt(mutated[listKey], path, wrong);
          expect(list.safeParse(mutated).success, `${path.join('.')} = ${JSON.stringify(wrong)}`).toBe(false);
        }
      }
    });

    it('with an unknown field', () => {
      const unknownField = clone(e.parsed);
      (unknownField[listKey] as Record<string, unknown>[])[0].acount_number = 'typo';
      fails(list, unknownField);
    });

    it('with a value outside the spec\'s enumeration in any enumerated field', () => {
      for (const path of enumsIn(e.parsed[listKey])) {
        const mutated = clone(e.parsed);
        setAt(mutated[listKey], path, 'not_a_spec_value');
        expect(list.safeParse(mutated).success, `${path.join('.')} = not_a_spec_value`).toBe(false);
      }
    });

    it('without the list key or the next/previous links, or with a non-URL link', () => {
      for (const key of [listKey, 'next', 'previous']) {
        const mutated = clone(e.parsed);
        delete mutated[key];
        expect(list.safeParse(mutated).success, `without ${key}`).toBe(false);
      }
      fails(list, { ...clone(e.parsed), next: 'page 2' });
      fails(list, { ...clone(e.parsed), next: 'ftp://example.com/accounts?cursor=x' });
      expect(list.safeParse({ ...clone(e.parsed), next: 'https://example.com/x?cursor=abc' }).success).toBe(true);
    });
  });
});
