import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { buildASTSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadOperation } from './operations';

const dir = new URL('./operations/', import.meta.url);
const files = readdirSync(fileURLToPath(dir)).filter((f) => f.endsWith('.graphql'));
const supergraph = readFileSync(fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)), 'utf8');
const api = buildASTSchema(transformSupergraphToPublicSchema(parse(supergraph)));

describe('persisted operations', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s is one named operation that validates against the checked-in supergraph', (file) => {
    const op = loadOperation(new URL(file, dir));
    expect(`${op.name}.graphql`).toBe(file);
    expect(validate(api, parse(op.document)).map((e) => e.message)).toEqual([]);
  });
});
