import { decimals, omitNulls } from './present';

/** Sub-objects several Customer Data objects share, from the graph's fragments (operations/fragments.graphql). */

/** §10.1.8 / §10.2.5: the "omit when not applicable" keys, and `balance` exact. */
const PROGRAM_OPTIONAL = [
  'more_info', 'signup', 'settings', 'discontinue', 'participation_number', 'start', 'end',
  'balance', 'units', 'currency', 'pnode', 'anode', 'aggregated', 'automated',
];

export type GraphProgram = Record<string, unknown> & { balance?: string | null };

export function program(p: GraphProgram): object {
  return decimals(omitNulls(p, PROGRAM_OPTIONAL), ['balance']);
}

export function programs(list: GraphProgram[] | undefined): object[] | undefined {
  return list?.map(program);
}
