import 'reflect-metadata';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';

/** Relay-style page metadata; the same type in every subgraph, hence @shareable. */
@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in its listing. Cursors are opaque; each is null when there is no page in its direction.' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `before` (with `last`) for the previous page; null when there is none.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` (with `first`) for the next page; null when there is none.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;
}

export const MAX_PAGE_SIZE = 100;

/** Keyset page arguments: `first`/`after` walk forward, `last`/`before` walk backward. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size walking forward (1–${MAX_PAGE_SIZE}, default ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return nodes after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size walking backward (1–${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return nodes before this cursor (the previous page).' })
  before?: string | null;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** The `{ nodes, pageInfo }` type of one listing, e.g. `class AccountPage extends Connection(Account) {}`. */
export function Connection<T extends object>(Node: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass implements Page<T> {
    @Field(() => [Node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}
