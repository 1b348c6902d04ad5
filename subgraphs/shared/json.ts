import { GraphQLError, GraphQLScalarType } from 'graphql';

/** A JSON object passed through unchanged (e.g. an RFC 9396 authorization details entry). */
export const JSONObjectScalar = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'JSONObject',
  description: 'A JSON object, passed through unchanged.',
  serialize: (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('not a JSON object');
    return value as Record<string, unknown>;
  },
  parseValue: () => {
    throw new GraphQLError('JSONObject is output only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
