import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';

export type EnumObject<V extends string> = { readonly [K in V]: K };

/**
 * A CDS enum as a GraphQL enum whose values are the spec's own strings (`kWh`, `super_peak`),
 * so the REST facade emits them unchanged.
 */
export function cdsEnum<const V extends string>(name: string, section: string, values: readonly V[]): EnumObject<V> {
  const object = Object.fromEntries(values.map((v) => [v, v])) as EnumObject<V>;
  registerEnumType(object, { name, description: `cds-wg3-01 ${section}` });
  return object;
}

export type EnumValue<E> = E extends EnumObject<infer V> ? V : never;
