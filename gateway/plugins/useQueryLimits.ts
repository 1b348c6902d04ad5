import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError, Kind, getNamedType, getNullableType, isCompositeType, isListType, isObjectType, isInterfaceType,
  type ASTVisitor, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLSchema, type SelectionSetNode,
  type ValidationContext, type ValueNode,
} from 'graphql';

/**
 * Bounds on one internal query, checked before anything runs: the graph has cycles (a service
 * point's contracts' service points, an aggregation's service points' aggregations), so without
 * them one authenticated request can ask for a response that grows exponentially with its depth
 * and takes the process down.
 */
export interface QueryLimits {
  /** Lexical tokens of the document (parsing itself costs). */
  maxTokens: number;
  /**
   * Brackets open at once (`{`, `[`, `(`), checked before parsing: the parser and the validation
   * rules recurse once per level, and a few thousand levels overflow the stack.
   */
  maxNesting: number;
  /** Nested field levels, through fragments. */
  maxDepth: number;
  /** Aliased fields, counting each use of a fragment. */
  maxAliases: number;
  /**
   * Estimated objects in the response: a paged listing multiplies what is below it by its
   * `first`/`last` (the page maximum when it is a variable or absent), any other list by `listSize`.
   */
  maxNodes: number;
  listSize: number;
  pageSize: number;
}

/** Several times what the facade's persisted operations need (checked by useQueryLimits.test.ts). */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxTokens: 10_000, maxNesting: 64, maxDepth: 12, maxAliases: 200, maxNodes: 5_000_000, listSize: 5, pageSize: 100,
};

interface Measure {
  depth: number;
  aliases: number;
  nodes: number;
}

function pageArgument(args: readonly { name: { value: string }; value: ValueNode }[] | undefined, pageSize: number): number | null {
  const arg = args?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  if (!arg) return args?.some((a) => a.name.value === 'after' || a.name.value === 'before') ? pageSize : null;
  return arg.value.kind === Kind.INT ? Math.max(1, Number(arg.value.value)) : pageSize;
}

/**
 * Walks an operation, fragments expanded, and stops as soon as a bound is passed (so a fragment
 * that spreads another twice, and so on, costs no more than the bound). Unknown fields and
 * fragment cycles are left to the standard rules.
 */
function measure(schema: GraphQLSchema, root: GraphQLCompositeType, set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, limits: QueryLimits): Measure {
  const total: Measure = { depth: 0, aliases: 0, nodes: 0 };
  const over = () => total.depth > limits.maxDepth || total.aliases > limits.maxAliases || total.nodes > limits.maxNodes;

  const walk = (selections: SelectionSetNode, type: GraphQLCompositeType, depth: number, weight: number, paged: boolean, path: readonly string[]) => {
    for (const selection of selections.selections) {
      if (over()) return;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total.aliases += 1;
        total.depth = Math.max(total.depth, depth + 1);
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        const page = pageArgument(selection.arguments, limits.pageSize);
        const list = field !== undefined && isListType(getNullableType(field.type));
        // A page's `nodes` list is the page itself: counted once, by the paged field above it.
        const factor = list ? (paged ? 1 : limits.listSize) : 1;
        const own = weight * factor * (page ?? 1);
        total.nodes += own;
        const next = field && getNamedType(field.type);
        if (selection.selectionSet && next && isCompositeType(next)) walk(selection.selectionSet, next, depth + 1, own, page !== null || (paged && !list), path);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        walk(selection.selectionSet, condition && isCompositeType(condition) ? condition : type, depth, weight, paged, path);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || path.includes(name)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        total.nodes += weight; // a spread is work even when it selects little
        walk(fragment.selectionSet, condition && isCompositeType(condition) ? condition : type, depth, weight, paged, [...path, name]);
      }
    }
  };
  walk(set, root, 0, 1, false, []);
  return total;
}

export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) return;
      const fragments = new Map(context.getDocument().definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]));
      const m = measure(schema, root, node.selectionSet, fragments, limits);
      const report = (message: string) => context.reportError(new GraphQLError(message, { nodes: node, extensions: { code: 'QUERY_TOO_COMPLEX' } }));
      if (m.depth > limits.maxDepth) report(`the query is nested deeper than ${limits.maxDepth} levels`);
      else if (m.aliases > limits.maxAliases) report(`the query has more than ${limits.maxAliases} aliases`);
      else if (m.nodes > limits.maxNodes) report(`the query could return more than ${limits.maxNodes} objects; ask for less per request (smaller pages, fewer nested lists)`);
    },
  });
}

/** The deepest bracket nesting of a GraphQL source, strings and comments skipped. */
export function nestingOf(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      i = end < 0 ? source.length : end + 2;
    } else if (c === '"') {
      for (i += 1; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++;
    } else if (c === '{' || c === '[' || c === '(') {
      deepest = Math.max(deepest, ++depth);
    } else if (c === '}' || c === ']' || c === ')') {
      depth -= 1;
    }
  }
  return deepest;
}

/** The limits as a gateway plugin: a bounded parser and one more validation rule. */
export function useQueryLimits(limits: QueryLimits = DEFAULT_QUERY_LIMITS): GatewayPlugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        const text = typeof source === 'string' ? source : source.body;
        if (nestingOf(text) > limits.maxNesting) {
          throw new GraphQLError(`Syntax Error: the document nests more than ${limits.maxNesting} brackets deep`, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
        }
        return parseFn(source, { ...options, maxTokens: limits.maxTokens });
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(queryLimitsRule(limits));
    },
  };
}
