import { z } from 'zod';
import { datetime, inOrder } from './primitives';

/** The three bookkeeping timestamps every Customer Data object carries (§10.x.1). */
export const cdsTimestamps = {
  cds_created: datetime,
  cds_modified: datetime,
  cds_synced: datetime,
};

type Timestamped = { cds_created: string; cds_modified: string };

/** A modification cannot precede the creation. */
export function checkTimestamps(value: Timestamped, ctx: z.RefinementCtx): void {
  if (!inOrder(value.cds_created, value.cds_modified)) {
    ctx.addIssue({ code: 'custom', path: ['cds_modified'], message: 'cds_modified is earlier than cds_created' });
  }
}

/**
 * Fields that exist only when a `types` value is present (e.g. AccountProgram `credit_bank` adds
 * `balance` and `currency`, §10.1.9). `required` fields MUST appear with the type; `optional` ones MAY.
 */
export type TypeFields = Record<string, { required?: readonly string[]; optional?: readonly string[] }>;

/** Enforces a `TypeFields` table: type-specific fields only with their type, required ones present. */
export function checkTypeFields(typesKey: string, table: TypeFields) {
  const owners = new Map<string, string[]>();
  for (const [type, { required = [], optional = [] }] of Object.entries(table)) {
    for (const field of [...required, ...optional]) owners.set(field, [...(owners.get(field) ?? []), type]);
  }
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const types = new Set(value[typesKey] as string[]);
    for (const [field, fieldOwners] of owners) {
      if (value[field] !== undefined && !fieldOwners.some((t) => types.has(t))) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} is only defined when ${typesKey} includes ${fieldOwners.join(' or ')}`,
        });
      }
    }
    for (const type of types) {
      for (const field of table[type]?.required ?? []) {
        if (value[field] === undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: `${field} is REQUIRED when ${typesKey} includes ${type}` });
        }
      }
    }
  };
}
