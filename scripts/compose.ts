import { composeServices } from '@theguild/federation-composition';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { placeholderUrl, SCHEMA_DIR } from '../gateway/supergraph';
import { buildSubgraphs, type SubgraphName } from '../subgraphs';

export interface Composition {
  /** File name (in schema/) → content. */
  files: Record<string, string>;
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Composes the four subgraphs with @theguild/federation-composition; throws listing every composition error. */
export async function compose(): Promise<Composition> {
  const built = await buildSubgraphs();
  const result = composeServices(built.map((s) => ({
    name: s.name,
    typeDefs: parse(s.sdl),
    url: placeholderUrl(s.name as SubgraphName),
  })));
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  const files: Record<string, string> = {};
  for (const s of built) files[`${s.name}.graphql`] = withNewline(s.sdl);
  files['supergraph.graphql'] = withNewline(result.supergraphSdl);
  return { files };
}

// `npm run compose` writes the files; importing this module (the staleness test) does not.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files } = await compose();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(SCHEMA_DIR, name), content);
  process.stdout.write(`wrote ${Object.keys(files).map((f) => `schema/${f}`).join(', ')}\n`);
}
