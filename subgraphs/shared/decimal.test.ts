import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DecimalScalar, toDecimalString } from './decimal';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      echo: {
        type: DecimalScalar,
        args: { value: { type: DecimalScalar } },
        resolve: (_root, args: { value: string }) => args.value,
      },
      text: { type: GraphQLString, resolve: () => 'x' },
    },
  }),
});

describe('Decimal scalar', () => {
  it('keeps every digit and trailing zero of a string or a query literal', async () => {
    const thirty = '123456789012345678901234567890.123456789';
    const res = await graphql({
      schema,
      source: `{ a: echo(value: "1.10") b: echo(value: ${thirty}) c: echo(value: "${thirty}") d: echo(value: 0.30000000000000000000001) }`,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: '1.10', b: thirty, c: thirty, d: '0.30000000000000000000001' });
  });

  it('accepts a JSON number variable only when a float cannot have changed it', async () => {
    const ok = await graphql({ schema, source: 'query($v: Decimal) { echo(value: $v) }', variableValues: { v: 0.1 } });
    expect(ok.data).toEqual({ echo: '0.1' });
    const lossy = await graphql({ schema, source: 'query($v: Decimal) { echo(value: $v) }', variableValues: { v: 0.1 + 0.2 } });
    expect(lossy.errors?.[0].message).toMatch(/send it as a string/);
  });

  it('rejects what is not a decimal with BAD_USER_INPUT', async () => {
    for (const bad of ['"1,5"', '"NaN"', '"1e"', '"0x10"', '""', 'true']) {
      const res = await graphql({ schema, source: `{ echo(value: ${bad}) }` });
      expect(res.errors?.length, bad).toBeGreaterThan(0);
    }
  });

  it('expands exponent forms and never emits a float', () => {
    expect(toDecimalString('1.5E-7')).toBe('0.00000015');
    expect(toDecimalString('-0.0')).toBe('-0.0');
    expect(() => toDecimalString(Number.NaN)).toThrow();
  });
});
