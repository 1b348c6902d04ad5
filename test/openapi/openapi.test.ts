import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { customerDataListings, CUSTOMER_DATA_BASE_PATH, decimal } from '../../rest-facade/customer-data/schemas';
import { errorResponses, openApi, openApiRouter, OpenApiRegistry, type OpenApiDocument } from '../../rest-facade/openapi';
import { httpExamples, readSpec, repairExampleJson } from './cdsSpec';
import { expectValidResponse } from './expectValidResponse';

const publicUrl = 'https://cds.example.com';
const examples = httpExamples(readSpec()).filter((e) => e.target.startsWith(`${CUSTOMER_DATA_BASE_PATH}/`));

async function expectValidOpenApi(document: OpenApiDocument) {
  const validator = new Validator();
  const result = await validator.validate(document);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
  // Every $ref points at a component that exists.
  const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const ref of new Set(refs)) {
    const name = /#\/components\/schemas\/([^"]+)"/.exec(ref)?.[1];
    expect(name && document.components.schemas[name], ref).toBeTruthy();
  }
}

describe('the published OpenAPI document', () => {
  const document = openApi.document({ publicUrl });

  it('is valid OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expectValidOpenApi(document);
  });

  it('describes the nine Customer Data listings with their security, parameters and responses', () => {
    expect(customerDataListings).toHaveLength(9);
    for (const listing of customerDataListings) {
      const operation = document.paths[listing.path]?.get as Record<string, any>;
      expect(operation, listing.path).toBeDefined();
      expect(operation.operationId).toBe(listing.operationId);
      expect(operation.security).toEqual([{ cds_access_token: [] }]);
      const names = (operation.parameters as { name: string; in: string; required: boolean }[]).map((p) => p.name);
      expect(names.sort()).toEqual(Object.keys(listing.query.shape).sort());
      expect(operation.parameters.every((p: { in: string; required: boolean }) => p.in === 'query' && !p.required)).toBe(true);
      expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '429', '502', '503']);
      expect(operation.responses['200'].content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\/\w+List$/);
      expect(operation.responses['401'].headers['WWW-Authenticate'].required).toBe(true);
    }
    expect(document.servers).toEqual([{ url: publicUrl }]);
  });

  it('writes decimals as JSON numbers and integers as integers', () => {
    const schemas = document.components.schemas as Record<string, any>;
    expect(schemas.BillStatement.properties.amount_due).toEqual({ type: 'number' });
    expect(schemas.BillStatement.properties.shutoff_prevention_minimum_due.type).toEqual(['number', 'null']);
    expect(schemas.UsageSegment.properties.interval).toEqual({ type: 'number' });
    expect(schemas.CostValueFormat.properties.indexes.items).toEqual({ type: 'integer', minimum: 0 });
    expect(JSON.stringify(document)).not.toMatch(/"type":"custom"|"format":"decimal"/);
  });

  it('is served at /openapi.json', async () => {
    const app = express().use(openApiRouter({ publicUrl }));
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(document)));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('expectValidResponse', () => {
  it.each(examples.map((e) => [`§${e.section.number} ${e.target}`, e] as const))('accepts the %s example', (_name, e) => {
    expectValidResponse(e.method, e.target, e.status, repairExampleJson(e.body).json);
  });

  it('rejects a body that breaks the document', () => {
    const e = examples.find((x) => x.target.endsWith('/accounts'))!;
    const body = JSON.parse(repairExampleJson(e.body).json);
    delete body.accounts[0].cds_account_id;
    expect(() => expectValidResponse('GET', e.target, 200, body)).toThrow(/\/accounts\/0 must have required property 'cds_account_id'/);
    body.accounts[0].cds_account_id = 'x';
    body.accounts[0].account_status = 'open';
    expect(() => expectValidResponse('GET', e.target, 200, body)).toThrow(/account_status must be equal to one of the allowed values/);
    expect(() => expectValidResponse('GET', e.target, 200, { accounts: [], next: null })).toThrow(/previous/);
    expect(() => expectValidResponse('GET', e.target, 200, { accounts: [], next: 'not a url', previous: null })).toThrow(/next must match format "uri"/);
  });

  it('validates error responses, full URLs and query strings', () => {
    const path = `${publicUrl}${CUSTOMER_DATA_BASE_PATH}/usage-segments?cds_account_ids=a1&limit=5`;
    expectValidResponse('get', path, 400, { error: 'invalid_request', error_description: 'limit must be an integer from 1 to 100' });
    expectValidResponse('GET', path, 200, { usage_segments: [], next: null, previous: null });
    expect(() => expectValidResponse('GET', path, 401, { message: 'nope' })).toThrow(/must have required property 'error'/);
  });

  it('refuses what the document does not describe', () => {
    expect(() => expectValidResponse('GET', '/cds-customerdata-api/v1/nothing', 200, {})).toThrow(/not in the published OpenAPI document/);
    expect(() => expectValidResponse('POST', `${CUSTOMER_DATA_BASE_PATH}/accounts`, 200, {})).toThrow(/not in the published OpenAPI document/);
    expect(() => expectValidResponse('GET', `${CUSTOMER_DATA_BASE_PATH}/accounts`, 418, {})).toThrow(/does not document status 418/);
  });
});

describe('OpenApiRegistry', () => {
  const Client = z.strictObject({ client_id: z.string(), balance: decimal, created: z.iso.datetime() }).meta({ id: 'TestClient' });
  const endpoint = {
    method: 'put' as const,
    path: '/cds-api/v1/clients/{client_id}',
    operationId: 'updateClient',
    summary: 'Update a Client',
    security: ['cds_access_token'],
    params: z.object({ client_id: z.string().min(1) }),
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { schema: Client },
    responses: { 200: { description: 'The Client', schema: Client }, 204: { description: 'Nothing' }, ...errorResponses(400, 404) },
  };
  const registry = () => new OpenApiRegistry({ cds_access_token: { type: 'http', scheme: 'bearer' } });

  it('documents path parameters, headers and bodies, and validates against them', async () => {
    const r = registry();
    expect(r.register(endpoint)).toBe(endpoint);
    const document = r.document();
    await expectValidOpenApi(document);
    const operation = document.paths['/cds-api/v1/clients/{client_id}'].put as Record<string, any>;
    expect(operation.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required])).toEqual([
      ['client_id', 'path', true],
      ['if-match', 'header', false],
    ]);
    expect(operation.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TestClient' });
    expectValidResponse('PUT', '/cds-api/v1/clients/abc', 200, { client_id: 'abc', balance: 1.5, created: '2025-01-01T00:00:00Z' }, r);
    expectValidResponse('PUT', '/cds-api/v1/clients/abc', 204, undefined, r);
    expect(() => expectValidResponse('PUT', '/cds-api/v1/clients/abc', 204, { x: 1 }, r)).toThrow(/no JSON body/);
    expect(() => expectValidResponse('PUT', '/cds-api/v1/clients/abc', 200, { client_id: 'abc', balance: '1.5', created: '2025-01-01T00:00:00Z' }, r)).toThrow(/balance must be number/);
    expect(() => expectValidResponse('PUT', '/cds-api/v1/clients/abc/x', 200, {}, r)).toThrow(/not in the published/);
  });

  it('refuses a duplicate endpoint or operationId, an unknown scheme and mismatched path parameters', () => {
    const r = registry();
    r.register(endpoint);
    expect(() => r.register(endpoint)).toThrow(/already registered/);
    expect(() => r.register({ ...endpoint, method: 'get' })).toThrow(/operationId updateClient is already used/);
    expect(() => r.register({ ...endpoint, operationId: 'x', method: 'delete', security: ['nope'] })).toThrow(/unknown security scheme nope/);
    expect(() => r.register({ ...endpoint, operationId: 'y', path: '/cds-api/v1/clients/{id}' })).toThrow(/do not match/);
    expect(() => r.register({ ...endpoint, operationId: 'z', path: 'cds-api' })).toThrow(/must start with/);
  });

  it('refuses schemas it cannot describe and two different schemas under one id', () => {
    const r = registry();
    r.register({ ...endpoint, responses: { 200: { description: 'x', schema: z.object({ when: z.custom<Date>((v) => v instanceof Date) }) } } });
    expect(() => r.document()).toThrow(/cannot describe a zod type at \/properties\/when/);
    const s = registry();
    s.register(endpoint);
    s.register({ ...endpoint, method: 'post', path: '/other', operationId: 'other', params: undefined, responses: { 200: { description: 'x', schema: z.object({ a: z.string() }).meta({ id: 'TestClient' }) } } });
    expect(() => s.document()).toThrow(/two different schemas are registered as "TestClient"/);
  });
});
