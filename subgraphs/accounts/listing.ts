import type DataLoader from 'dataloader';
import type { z } from 'zod';
import { legacyPage, legacyPosition, listingTag, type Page, type PageArgs, type Synced } from '../shared';
import type { CisResource } from './adapter/cis';
import type { AccountsContext } from './context';
import { MATCHES_NOTHING, type Listing } from './filters';

const emptyPage = <T>(): Page<T> => ({
  nodes: [],
  pageInfo: { startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: false },
});

/**
 * One page of a CIS listing: the filters and the keyset position go into a single CIS call; the
 * page's rows seed the per-request loaders so joins on them cost nothing more.
 */
export async function cisListingPage<S extends z.ZodType, M>(
  ctx: AccountsContext,
  resource: CisResource,
  row: S,
  listing: Listing,
  filter: unknown,
  page: PageArgs,
  seed: { loader: DataLoader<string, Synced<z.infer<S>> | null>; idOf: (row: z.infer<S>) => string },
  translate: (synced: Synced<z.infer<S>>) => Promise<M>,
): Promise<Page<M>> {
  const tag = listingTag(resource, filter);
  const position = legacyPosition(page, tag);
  if (listing === MATCHES_NOTHING) return emptyPage();
  const result = await ctx.cis.list(resource, row, listing, position);
  const synced = result.nodes.map((r) => ({ row: r, synced: result.receivedAt }));
  for (const s of synced) seed.loader.prime(seed.idOf(s.row), s);
  return legacyPage({ nodes: await Promise.all(synced.map(translate)), next: result.next, previous: result.previous }, tag);
}
