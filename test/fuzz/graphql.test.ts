import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, parse, validate, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS, queryLimitsRule } from '../../gateway/plugins/useQueryLimits';
import { documentOperation } from '../../rest-facade/customer-data/operation';
import { loadOperation, type PersistedOperation } from '../../rest-facade/graph';
import { startSystem, type System } from '../support/system';
import { bearer, send, type RawResponse } from './support/http';
import { INJECTION, UNICODE } from './support/hostile';
import { RUNS } from './support/runs';

/**
 * The internal GraphQL endpoint with a valid internal token, fed malformed, deep, wide and huge
 * documents: every answer is a GraphQL error (or a 4xx), never a 5xx, a hang or a crash, and the
 * expensive ones are refused before any legacy system is called. FUZZ_RUNS raises the random cases, FUZZ_SEED picks them (support/runs.ts).
 */

let system: System;

beforeAll(async () => {
  system = await startSystem({ seed: 'fuzz-graphql', accounts: 40, legacyTimeoutMs: 5_000 });
});
afterAll(async () => { await system?.close(); });

const post = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  send(system.url, { method: 'POST', path: '/graphql', headers: { ...bearer(system.internalApiToken), ...headers }, body });
const query = (document: string, variables?: unknown) => post(JSON.stringify({ query: document, ...(variables === undefined ? {} : { variables }) }));

/** A GraphQL answer: below 500, JSON, with errors (and the gateway still answers afterwards). */
function expectGraphQLError(res: RawResponse, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  const body = res.json as { errors?: { message: string }[]; error?: string } | undefined;
  expect(body, `${what}: not JSON: ${res.text.slice(0, 300)}`).toBeTypeOf('object');
  expect(Boolean(body!.errors?.length || body!.error), `${what}: no error in ${res.text.slice(0, 300)}`).toBe(true);
}

async function expectAlive() {
  const res = await query('{ accounts(first: 1) { nodes { id } } }');
  expect(res.status).toBe(200);
  expect((res.json as { data: { accounts: { nodes: unknown[] } } }).data.accounts.nodes).toHaveLength(1);
}

const codes = (res: RawResponse) => ((res.json as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => e.extensions?.code);

/** `{ <root> { nodes { id <path repeated n times> } } }`: a walk round one of the graph's cycles. */
function cycle(n: number, root: string, step: (inner: string) => string): string {
  let inner = 'id';
  for (let i = 0; i < n; i++) inner = step(inner);
  return `{ ${root}(first: 100) { nodes { id ${inner} } } }`;
}
const contractCycle = (n: number) => cycle(n, 'serviceContracts', (s) => `servicePoints { id currentServiceContracts { id ${s} } }`);
const meterCycle = (n: number) => cycle(n, 'servicePoints', (s) => `currentMeterDevices { id currentServicePoints { id ${s} } }`);

describe('the limits', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    const res = await query(getIntrospectionQuery());
    schema = buildClientSchema((res.json as { data: IntrospectionQuery }).data);
  });

  const operations = (): PersistedOperation[] => {
    const dir = (folder: string) => readdirSync(new URL(`../../rest-facade/${folder}/operations/`, import.meta.url)).filter((f) => f.endsWith('.graphql'));
    return [
      ...dir('customer-data').filter((f) => f !== 'fragments.graphql').map((f) => documentOperation(f.replace('.graphql', ''))),
      ...['access', 'graph'].flatMap((folder) => dir(folder).map((f) => loadOperation(new URL(`../../rest-facade/${folder}/operations/${f}`, import.meta.url)))),
    ];
  };

  it('let every persisted operation of the facade through with room to spare', () => {
    const tighter = {
      ...DEFAULT_QUERY_LIMITS, maxDepth: DEFAULT_QUERY_LIMITS.maxDepth - 3, maxAliases: DEFAULT_QUERY_LIMITS.maxAliases / 2,
      maxNodes: DEFAULT_QUERY_LIMITS.maxNodes / 2,
    };
    const all = operations();
    expect(all.length).toBeGreaterThan(15);
    for (const op of all) expect(validate(schema, parse(op.document), [queryLimitsRule(tighter)]), op.name).toEqual([]);
  });

  it('stop the graph\'s cycles a few turns in', () => {
    const refused = (document: string) => validate(schema, parse(document), [queryLimitsRule(DEFAULT_QUERY_LIMITS)]).length > 0;
    expect(refused(contractCycle(2))).toBe(false);
    expect(refused(contractCycle(6))).toBe(true);
    expect(refused(meterCycle(2))).toBe(false);
    expect(refused(meterCycle(6))).toBe(true);
  });
});

describe('hostile documents', () => {
  it('refuses deep, wide, aliased and token-heavy documents before any legacy call', async () => {
    const fragmentBomb = ['query { ...F0 }', ...Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`), 'fragment F40 on Query { accounts { nodes { id } } }'].join('\n');
    const cases: [string, string][] = [
      ['a cycle 20 turns deep', contractCycle(20)],
      ['a cross-subgraph cycle 50 turns deep', meterCycle(50)],
      ['1,000 aliases', `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: accounts(first: 100) { nodes { id } }`).join(' ')} }`],
      ['a fragment spreading another twice, 40 times over', fragmentBomb],
      ['200,000 tokens', `{ ${'__typename '.repeat(200_000)} }`],
      ['5,000 nested selections', `{ ${'accounts { '.repeat(5_000)}id${' }'.repeat(5_000)} }`],
      ['3,000 nested input objects', `{ accounts(filter: ${'{ q: '.repeat(3_000)}"x"${' }'.repeat(3_000)}) { nodes { id } } }`],
      ['10,000 directives', `{ __typename ${'@include(if: true) '.repeat(10_000)} }`],
      ['five pages of accounts with every list inside', `{ ${['a', 'b', 'c', 'd', 'e'].map((a) => `${a}: accounts(first: 100) { nodes { serviceContracts { servicePoints { currentMeterDevices { currentServicePoints { currentServiceContracts { servicePoints { id } } } } } } } }`).join(' ')} }`],
    ];
    for (const [what, document] of cases) {
      system.resetCounters();
      const res = await query(document);
      expectGraphQLError(res, what);
      expect(system.legacyCalls(), `${what} reached a legacy system`).toBe(0);
    }
    await expectAlive();
  });

  it('answers malformed requests with errors', async () => {
    const bodies: [string, string | Buffer][] = [
      ['empty body', ''],
      ['not JSON', '{"query": "{ __typename }"'],
      ['query is a number', '{"query": 42}'],
      ['variables is a string', '{"query": "query($n: Int) { accounts(first: $n) { nodes { id } } }", "variables": "n=1"}'],
      ['wrong variable type', JSON.stringify({ query: 'query($n: Int) { accounts(first: $n) { nodes { id } } }', variables: { n: 'many' } })],
      ['page size out of range', JSON.stringify({ query: '{ accounts(first: 2147483647) { nodes { id } } }' })],
      ['page size over 32 bits', JSON.stringify({ query: '{ accounts(first: 99999999999999999999) { nodes { id } } }' })],
      ['negative page size', JSON.stringify({ query: '{ accounts(first: -1) { nodes { id } } }' })],
      ['forged cursor', JSON.stringify({ query: '{ accounts(after: "eyJrIjpbInp6eiJdfQ") { nodes { id } } }' })],
      ['unknown operation name', JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })],
      ['two operations, no name', JSON.stringify({ query: 'query A { __typename } query B { __typename }' })],
      ['fragment cycle', JSON.stringify({ query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' })],
      ['undefined fragment', JSON.stringify({ query: '{ ...Nope }' })],
      ['mutation', JSON.stringify({ query: 'mutation { deleteEverything }' })],
      ['subscription', JSON.stringify({ query: 'subscription { accounts { id } }' })],
      ['a 1 MB string literal', JSON.stringify({ query: `{ accounts(filter: { q: "${'x'.repeat(1_000_000)}" }) { nodes { id } } }` })],
      ['200,000 ids', JSON.stringify({ query: 'query($ids: [ID!]!) { usageSegments(filter: { meterDeviceIds: $ids }) { nodes { id } } }', variables: { ids: Array.from({ length: 200_000 }, (_, i) => `M${i}`) } })],
      ['ids nested 10,000 lists deep', `{"query": "query($ids: [ID!]) { accounts(filter: { ids: $ids }) { nodes { id } } }", "variables": {"ids": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}`],
      ['a batch of 1,000', JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ accounts(first: 100) { nodes { id } } }' })))],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ];
    for (const [what, body] of bodies) expectGraphQLError(await post(body), what);
    // GraphQL over HTTP: a media type it does not speak is a 415.
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      expect((await post('{ __typename }', { 'content-type': type })).status, type).toBe(415);
    }
    await expectAlive();
  });

  it('answers random mutilations of a real query with errors or data, never a 5xx', async () => {
    const real = '{ accounts(first: 3, filter: { accountStatuses: [active] }) { nodes { id accountNumber serviceContracts { id servicePoints { id } } } pageInfo { endCursor } } }';
    const edit = fc.oneof(
      fc.tuple(fc.nat(real.length), fc.nat(20)).map(([at, n]) => real.slice(0, at) + real.slice(at + n)),
      fc.tuple(fc.nat(real.length), fc.constantFrom(...INJECTION, ...UNICODE, '{', '}', '(', ')', '$', '@', '...', '"', '#', '\\')).map(([at, s]) => real.slice(0, at) + s + real.slice(at)),
      fc.tuple(fc.nat(real.length), fc.nat(real.length)).map(([a, b]) => real.slice(0, Math.min(a, b)) + real.slice(Math.min(a, b), Math.max(a, b)).repeat(3) + real.slice(Math.max(a, b))),
      fc.string({ maxLength: 200 }),
    );
    const variables = fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined });
    await fc.assert(fc.asyncProperty(edit, variables, async (document, vars) => {
      const res = await query(document, vars);
      expect(res.status, `${JSON.stringify(document)} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
      expect(res.json, res.text.slice(0, 300)).toBeTypeOf('object');
    }), { numRuns: RUNS * 10 });
    await expectAlive();
  });

  it('answers a query refused for its cost with a code the caller can act on', async () => {
    const res = await query(contractCycle(20));
    expect(codes(res)).toContain('QUERY_TOO_COMPLEX');
  });
});
