import { readdirSync, readFileSync } from 'node:fs';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { buildASTSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentOperation } from './operation';

// Every persisted operation of the Customer Data APIs is valid against the checked-in supergraph's
// public schema: a field renamed in a subgraph fails here, not in production.
const supergraph = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const schema = buildASTSchema(transformSupergraphToPublicSchema(parse(supergraph)));
const names = readdirSync(new URL('./operations/', import.meta.url))
  .filter((f) => f.endsWith('.graphql') && f !== 'fragments.graphql')
  .map((f) => f.replace(/\.graphql$/, ''));

describe('persisted Customer Data operations', () => {
  it.each(names)('%s validates against the supergraph', (name) => {
    const operation = documentOperation(name);
    expect(operation.name).toBe(name);
    expect(validate(schema, parse(operation.document)).map((e) => e.message)).toEqual([]);
  });
});
