import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { defineOperation, type PersistedOperation } from '../graph';
import type { GraphPage } from './endpoint';

const FRAGMENTS = parse(readFileSync(new URL('./operations/fragments.graphql', import.meta.url), 'utf8'))
  .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);

/** Fragment names spread anywhere in these definitions. */
function spreads(definitions: readonly DefinitionNode[]): Set<string> {
  const names = new Set<string>();
  for (const definition of definitions) visit(definition, { FragmentSpread: (node) => void names.add(node.name.value) });
  return names;
}

/**
 * A listing operation from `operations/<name>.graphql`, completed with the shared fragments it
 * uses (transitively) so the persisted document stands alone — GraphQL refuses unused fragments.
 * Every listing operation selects its connection under the alias `page`.
 */
export function listingOperation<N>(name: string): PersistedOperation<{ page: GraphPage<N> }> {
  return documentOperation(name);
}

/** Any operation of `operations/` (e.g. lookups a listing makes besides its page), fragments included. */
export function documentOperation<T>(name: string): PersistedOperation<T> {
  const own = parse(readFileSync(new URL(`./operations/${name}.graphql`, import.meta.url), 'utf8'));
  const needed = new Map<string, FragmentDefinitionNode>();
  let frontier = spreads(own.definitions);
  while (frontier.size > 0) {
    const found = FRAGMENTS.filter((f) => frontier.has(f.name.value) && !needed.has(f.name.value));
    for (const f of found) needed.set(f.name.value, f);
    frontier = spreads(found);
  }
  const document = [print(own), ...[...needed.values()].map((f) => print(f))].join('\n\n');
  return defineOperation<T>(document);
}
