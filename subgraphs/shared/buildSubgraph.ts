import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { DecimalScalar } from './decimal';
import { JSONObjectScalar } from './json';
import { DateScalar, DateTimeScalar } from './temporal';

/** The Federation 2 directives our subgraphs use. */
const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires"])';

type ResolverMap = Record<string, Record<string, unknown> | GraphQLScalarType>;

export interface SubgraphDefinition<TContext> {
  name: string;
  resolvers: NonEmptyArray<Function>;
  /** `__resolveReference` per entity type this subgraph owns (or contributes fields to). */
  references: Record<string, (reference: { id: string }, context: TContext) => unknown>;
  /** Types not reachable from a resolver but part of the schema (e.g. value-format variants). */
  orphanedTypes?: NonEmptyArray<Function>;
}

export interface BuiltSubgraph {
  name: string;
  schema: GraphQLSchema;
  /** The subgraph SDL with its federation directives, as `schema/<name>.graphql` holds it. */
  sdl: string;
}

/** type-graphql classes → a Federation 2 subgraph schema (Apollo's buildSubgraphSchema). */
export async function buildSubgraph<TContext>(definition: SubgraphDefinition<TContext>): Promise<BuiltSubgraph> {
  const typeSchema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes ? [...definition.orphanedTypes] : undefined,
    scalarsMap: [],
    // Only types reachable from these resolvers: the process holds all four subgraphs' metadata.
    skipCheck: true,
    validate: false,
  });
  const resolvers = createResolversMap(typeSchema) as ResolverMap;
  for (const [typeName, resolve] of Object.entries(definition.references)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: resolve };
  }
  // Custom scalars keep their serialize/parse functions in the federated schema.
  for (const scalar of [DecimalScalar, DateScalar, DateTimeScalar, JSONObjectScalar]) {
    if (typeSchema.getType(scalar.name)) resolvers[scalar.name] = scalar;
  }
  const schema = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeSchema)}`),
    // createResolversMap's shape is what buildSubgraphSchema expects; only the typings differ.
    resolvers: resolvers as never,
  });
  return { name: definition.name, schema, sdl: printSubgraphSchema(schema) };
}
