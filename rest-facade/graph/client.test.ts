import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { buildSchema, graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, defineOperation, GraphError } from '.';

const schema = buildSchema(`
  type Query { customer(id: ID!): Customer, broken: String }
  type Customer { id: ID!, name: String! }
`);
const rootValue = {
  customer: ({ id }: { id: string }) => (id === 'c1' ? { id, name: 'Ada' } : null),
  broken: () => { throw new Error('CIS said no'); },
};

const token = 'internal-token-0123456789';
let mode: 'graphql' | 'hang' | 'garbage' | 'down' = 'graphql';
const seen: { auth?: string; requestId?: string; operationName?: string }[] = [];

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** A real (small) GraphQL endpoint, with switches for the failures a gateway can show. */
async function handler(req: IncomingMessage, res: ServerResponse) {
  const body = JSON.parse(await readBody(req));
  seen.push({ auth: req.headers.authorization, requestId: req.headers['x-request-id'] as string, operationName: body.operationName });
  if (mode === 'hang') return; // never answers
  if (mode === 'garbage') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end('<html>proxy error</html>'); }
  if (mode === 'down') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ data: null, errors: [{ message: 'CIS unreachable', extensions: { code: 'LEGACY_UNAVAILABLE' } }] }));
  }
  if (req.headers.authorization !== `Bearer ${token}`) {
    res.writeHead(401, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ errors: [{ message: 'unauthorized' }] }));
  }
  const result = await graphql({ schema, rootValue, source: body.query, variableValues: body.variables, operationName: body.operationName });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(result));
}

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => { void handler(req, res); });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const Customer = defineOperation<{ customer: { id: string; name: string } | null }, { id: string }>(
  'query Customer($id: ID!) { customer(id: $id) { id name } }',
);
const Broken = defineOperation<{ broken: string }, Record<string, never>>('query Broken { broken }');

async function failure(p: Promise<unknown>): Promise<GraphError> {
  const err = await p.then(() => null, (e) => e);
  expect(err).toBeInstanceOf(GraphError);
  return err as GraphError;
}

describe('graph client', () => {
  it('sends the named persisted operation with the internal token and request id', async () => {
    mode = 'graphql';
    const client = createGraphClient({ url, token });
    const data = await client.execute(Customer, { id: 'c1' }, { requestId: 'req-42' });
    expect(data.customer).toEqual({ id: 'c1', name: 'Ada' });
    expect(seen.at(-1)).toEqual({ auth: `Bearer ${token}`, requestId: 'req-42', operationName: 'Customer' });
  });

  it('refuses documents that are not exactly one named operation', () => {
    expect(() => defineOperation('{ customer(id: "1") { id } }')).toThrow(/named operation/);
    expect(() => defineOperation('query A { broken } query B { broken }')).toThrow(/exactly one/);
    expect(Customer.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('maps GraphQL errors to 502 with the first message', async () => {
    mode = 'graphql';
    const err = await failure(createGraphClient({ url, token }).execute(Broken, {}));
    expect(err.status).toBe(502);
    expect(err.toJSON()).toEqual({ error: 'bad_gateway', error_description: expect.stringContaining('CIS said no') });
    expect(err.operationName).toBe('Broken');
  });

  it('maps an outage of a system behind the gateway to 503', async () => {
    mode = 'down';
    const err = await failure(createGraphClient({ url, token }).execute(Customer, { id: 'c1' }));
    expect(err.status).toBe(503);
    expect(err.error).toBe('temporarily_unavailable');
    expect(err.headers['Retry-After']).toBe('5');
  });

  it('maps wrong internal credentials to 502, not to the caller\'s 401', async () => {
    mode = 'graphql';
    const err = await failure(createGraphClient({ url, token: 'wrong-token-0123456789' }).execute(Customer, { id: 'c1' }));
    expect(err.status).toBe(502);
  });

  it('maps an unreadable answer to 502', async () => {
    mode = 'garbage';
    expect((await failure(createGraphClient({ url, token }).execute(Customer, { id: 'c1' }))).status).toBe(502);
  });

  it('gives up on a gateway that never answers (503) instead of hanging', async () => {
    mode = 'hang';
    const err = await failure(createGraphClient({ url, token, timeoutMs: 200 }).execute(Customer, { id: 'c1' }));
    expect(err.status).toBe(503);
    expect(err.description).toMatch(/did not answer/);
  });

  it('maps an unreachable gateway to 503', async () => {
    const err = await failure(createGraphClient({ url: 'http://127.0.0.1:1/graphql', token }).execute(Customer, { id: 'c1' }));
    expect(err.status).toBe(503);
    expect(err.description).toMatch(/unreachable/);
  });
});
