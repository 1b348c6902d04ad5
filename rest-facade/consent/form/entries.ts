import { selectionEntries, type GraphIndex, type SelectionEntry } from '../../authorization-details';
import type { SelectionEntryView, SelectionType } from './view';

/** An entry a Selection offers, as the form lists it (before the customer's choice is applied). */
export type OfferedEntry = Omit<SelectionEntryView, 'selected'>;

/** Enum values as words: `natural_gas` → "Natural gas", `servicepoint_number` → "Service point number". */
export function words(value: string): string {
  const text = value.replace(/servicepoint/g, 'service point').replace(/rateplan/g, 'rate plan').replace(/_/g, ' ');
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Plural nouns and legends per Selection (the customer's terms, §9.2.3). */
export const SELECTION_NOUNS: Record<SelectionType, { noun: string; legend: string; one: string; future: string }> = {
  account_selection: { noun: 'accounts', one: 'Account', legend: 'For these accounts:', future: 'Any accounts you add in the future' },
  service_contract_selection: { noun: 'services', one: 'Service', legend: 'For these services:', future: 'Any services you add in the future' },
  servicepoint_selection: { noun: 'service locations', one: 'Service location', legend: 'For these service locations:', future: '' },
  meter_device_selection: { noun: 'meters', one: 'Meter', legend: 'For these meters:', future: '' },
  aggregation_selection: { noun: 'groups', one: 'Group', legend: 'For these groups:', future: '' },
};

const present = (xs: (string | null | undefined)[]) => xs.filter((x): x is string => typeof x === 'string' && x !== '');
const oneLine = (address: string | null | undefined) => address?.replace(/\s*\n\s*/g, ', ');

/**
 * The facts §9.2.3 requires each entry to show — number, types, account (services), display
 * name and address when known — and the text its search matches (the fields §9.2.3 names).
 */
function display(type: SelectionType, e: SelectionEntry, withMeters: boolean): OfferedEntry {
  const one = SELECTION_NOUNS[type].one;
  const types = e.types?.length ? e.types.map(words).join(', ') : null;
  const address = oneLine(e.address);
  const account = e.account_number ? `Account ${e.account_number}` : null;
  return {
    id: e.id,
    title: `${one} ${e.number ?? e.id}`,
    lines: present([e.name, types, account, address]),
    children: withMeters ? (e.meters ?? []).map((m) => `Shares meter ${m.meter_number ?? m.id}`) : [],
    searchText: present([e.number, e.name, address, e.account_number]).join(' ').toLowerCase(),
  };
}

/** The entries of one Selection for the customer's graph, at instant `at` (ms). */
export function offeredEntries(type: SelectionType, index: GraphIndex, at: number, withMeters: boolean): OfferedEntry[] {
  return selectionEntries(type, index, at).map((e) => display(type, e, withMeters));
}
