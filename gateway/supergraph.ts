import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SubgraphName, SubgraphUrls } from '../subgraphs';

const NAMES: readonly SubgraphName[] = ['accounts', 'metering', 'billing', 'eacs'];

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');

/**
 * The URL each subgraph has in the checked-in supergraph: a placeholder replaced with the running
 * subgraph's URL when the gateway starts.
 */
export const placeholderUrl = (name: SubgraphName) => `http://${name}.subgraph.invalid/graphql`;

/** The checked-in `schema/supergraph.graphql` with each placeholder replaced by the subgraph's real URL. */
export function loadSupergraph(urls: SubgraphUrls, file = join(SCHEMA_DIR, 'supergraph.graphql')): string {
  return NAMES.reduce((sdl, name) => sdl.replaceAll(placeholderUrl(name), urls[name]), readFileSync(file, 'utf8'));
}
