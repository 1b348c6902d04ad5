import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * A persisted operation: a named GraphQL document checked into the repository. The facade only
 * ever sends these (never a query built from request input); variables carry everything dynamic.
 * The type parameters describe the operation's `data` and variables for the callers.
 */
export interface PersistedOperation<TData = unknown, TVariables = Record<string, unknown>> {
  readonly name: string;
  readonly document: string;
  /** SHA-256 of the document, for logs and for gateways that accept persisted-document ids. */
  readonly hash: string;
  /** Phantom fields: never set, only carry the types. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

/** Builds an operation from document text: exactly one named operation (plus its fragments). */
export function defineOperation<TData, TVariables = Record<string, unknown>>(
  document: string,
): PersistedOperation<TData, TVariables> {
  const ast = parse(document);
  const ops = ast.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (ops.length !== 1 || !ops[0].name) {
    throw new Error('a persisted operation document must contain exactly one named operation');
  }
  return {
    name: ops[0].name.value,
    document,
    hash: createHash('sha256').update(document).digest('hex'),
  };
}

/** Loads a `.graphql` file next to the calling module: `loadOperation(new URL('./x.graphql', import.meta.url))`. */
export function loadOperation<TData, TVariables = Record<string, unknown>>(file: URL): PersistedOperation<TData, TVariables> {
  return defineOperation<TData, TVariables>(readFileSync(file, 'utf8'));
}
