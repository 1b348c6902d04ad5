import { GraphQLError } from 'graphql';

/**
 * How a legacy system failed, as the `code` extension of the GraphQL error:
 * - LEGACY_UNAVAILABLE: connection refused/reset (outage);
 * - LEGACY_TIMEOUT: no answer in time;
 * - LEGACY_ERROR: the system answered with an error status;
 * - LEGACY_BAD_RESPONSE: it answered 2xx with a payload we cannot read.
 */
export type LegacyErrorCode = 'LEGACY_UNAVAILABLE' | 'LEGACY_TIMEOUT' | 'LEGACY_ERROR' | 'LEGACY_BAD_RESPONSE';

export function legacyError(system: string, code: LegacyErrorCode, detail: string, status?: number): GraphQLError {
  return new GraphQLError(`${system} legacy system: ${detail}`, {
    extensions: { code, system, ...(status === undefined ? {} : { status }) },
  });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
