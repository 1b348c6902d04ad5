import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openApi } from '../../rest-facade/openapi';
import { startRedis, type RedisServer } from '../support/redis';
import { startSystem, type System } from '../support/system';
import { expectDocumented, exchange } from './support/expectations';
import { send } from './support/http';
import { CONTENT_TYPES, RAW_BODIES, TRAVERSAL, hostileString, mutated } from './support/hostile';
import { encode, operationsOf } from './support/operations';
import { call, credentialFor, encodeBody, exampleBody, type Body, type CallParts } from './support/requests';
import { RefusalGuard } from './support/state';
import { buildWorld, type World } from './support/world';
import { RUNS } from './support/runs';

/**
 * Every operation of the published OpenAPI document, attacked from outside over real HTTP with a
 * real Redis behind the facade: bad credentials, hostile path and query parameters, broken bodies
 * and content types, other registrations' ids. Whatever comes in, the answer is a documented
 * status below 500 with a body the document describes (errors as `{error, error_description}`),
 * it comes in time, and a refused write leaves the store exactly as it was.
 * FUZZ_RUNS raises the number of generated cases per property (default 8), FUZZ_SEED picks them (support/runs.ts).
 */

const operations = operationsOf(openApi.document());

let redis: RedisServer;
let system: System;
let offset = 0;
let shared: Promise<World> | undefined;
const moveClock = (ms: number) => { offset = ms; };

beforeAll(async () => {
  // A redis-server of its own: the before/after snapshots scan only this suite's keys.
  redis = await startRedis();
  system = await startSystem({ seed: 'fuzz-rest', accounts: 40, redisUrl: redis.url, clock: () => Date.now() + offset });
});
afterAll(async () => {
  await system?.close();
  await redis?.stop();
});

it('fuzzes every operation the facade publishes', async () => {
  const published = await send(system.url, { method: 'GET', path: '/openapi.json' });
  const served = operationsOf(published.json as never).map((o) => `${o.method} ${o.template}`);
  expect(served).toEqual(operations.map((o) => `${o.method} ${o.template}`));
  expect(served.length).toBeGreaterThan(50);
});

describe.each(operations.map((op) => [`${op.method} ${op.template}`, op] as const))('%s', (_name, op) => {
  let world: World;
  let authorization: string | undefined;

  beforeAll(async () => {
    // A write gets a world of its own: what it changes (a Grant closed, a Client disabled) cannot starve the next operation.
    world = await (op.writes ? buildWorld(system, moveClock) : (shared ??= buildWorld(system, moveClock)));
    authorization = await credentialFor(system, op, world);
  });

  const guard = new RefusalGuard(() => system.store);
  beforeEach(() => guard.forget());

  /** One call whose answer must be documented, and whose refusal (a write answered 4xx) must change nothing. */
  async function attempt(parts: CallParts) {
    const { req, res } = op.writes
      ? await guard.around(() => call(system, op, world, { authorization, ...parts }), ({ res }) => res.status >= 400, ({ req, res }) => exchange(req, res))
      : await call(system, op, world, { authorization, ...parts });
    expectDocumented(op, req, res);
    return res;
  }

  const example = () => exampleBody(op, system, world);
  const validBody = (): Body | undefined => {
    const value = example();
    return value === undefined ? undefined : encodeBody(op, value);
  };

  // Only the tests that apply to the operation are declared (no skipped rows in the report).
  if (op.security.length > 0) it('refuses every bad credential with 401, changing nothing', async () => {
    for (const bad of op.security.flatMap((scheme) => world.refused[scheme])) {
      const res = await attempt({ authorization: bad.authorization, body: validBody() });
      expect(bad.statuses, `${bad.name}: ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
      // RFC 6750 §3: every bearer 401 carries a challenge; RFC 6749 §5.2: a client-authentication one when the client sent a header.
      const challenged = bad.authorization !== undefined || !op.security.includes('client_secret_basic');
      if (res.status === 401 && challenged) expect(res.headers['www-authenticate'], bad.name).toMatch(/^(Bearer|Basic) realm=/);
    }
  });

  it('answers hostile path and query parameters with documented statuses', async () => {
    const own = Object.values(world.ids.own);
    const foreign = Object.values(world.ids.foreign);
    const value = hostileString([...own, ...foreign]);
    const pathValue = fc.oneof(value.map(encode), fc.constantFrom(...TRAVERSAL, '%2F', '%', '%zz', '%C0%AF', '%ED%A0%80', ';', '.'))
      // An empty segment makes another route's path (`/clients/` is the listing): not this operation's.
      .filter((v) => v !== '');
    const names = fc.constantFrom(...op.queryParams, 'unknown', 'limit', 'cursor', '__proto__', 'a[b]', 'q[]', '');
    const query = fc.array(fc.tuple(names, value), { maxLength: 6 });
    const params = fc.record(Object.fromEntries(op.pathParams.map((p) => [p, pathValue])));
    await fc.assert(fc.asyncProperty(params, query, async (p, q) => {
      await attempt({ params: p as Record<string, string>, query: q, body: validBody() });
    }), { numRuns: RUNS * 3 });
  });

  if (op.bodyType !== undefined) it('answers broken bodies and wrong content types with documented statuses, changing nothing', async () => {
    const base = example()!;
    const payload = fc.oneof(
      fc.constantFrom(...RAW_BODIES),
      mutated(base).map((v) => encodeBody(op, v).payload),
      mutated(base).map((v) => JSON.stringify(v) ?? ''),
    );
    const contentType = fc.oneof(fc.constant(op.bodyType!), fc.constantFrom(...CONTENT_TYPES));
    await fc.assert(fc.asyncProperty(payload, contentType, async (body, type) => {
      await attempt({ body: { contentType: type, payload: body } });
    }), { numRuns: RUNS * 3 });
    // Every fixed hostile body once, in the operation's own media type.
    for (const body of RAW_BODIES) await attempt({ body: { contentType: op.bodyType!, payload: body } });
  });

  const foreignParams = op.pathParams.filter((p) => p !== 'id' && p !== 'registrationId');
  if (foreignParams.length > 0 && op.security.includes('cds_access_token')) it('cannot reach another registration\'s object', async () => {
    const res = await attempt({ params: Object.fromEntries(foreignParams.map((p) => [p, encode(world.ids.foreign[p])])), body: validBody() });
    expect([403, 404], res.text).toContain(res.status);
  });
});
