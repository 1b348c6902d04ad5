import { valueFormatSchema, type ValueFormat } from '../../scopes/customer-data';
import type { Choice } from '../../scopes';

/**
 * The kinds of usage readings a request asks for (`include_usage_segment_value_types`), grouped in
 * the customer's words (cds-wg3-01 §9.2.2.1): a catalogue can hold dozens of Value Formats, so the
 * form names a few categories, each derived from a format's own attributes (§10.8.5, §10.8.7), and
 * keeps every format's name and description one disclosure away.
 */

/** One reading format as the Server's Choice names it. */
export interface ReadingFormat {
  name: string;
  description: string;
}

/** A category of readings: a short phrase and the formats it stands for (never empty). */
export interface ReadingKind {
  label: string;
  formats: ReadingFormat[];
}

type Category =
  | 'energy' | 'time_of_use' | 'demand' | 'billed' | 'cost' | 'supply_mix' | 'register'
  | 'natural_gas' | 'water' | 'fuel_oil' | 'other';

/** Categories in the order the form lists them; the energy phrase depends on the directions asked for. */
const LABELS: Record<Exclude<Category, 'energy'>, string> = {
  time_of_use: 'Electricity you used in each time-of-use period and season',
  demand: 'How much power you drew at a time (demand)',
  billed: 'Your usage as billed for each billing period',
  cost: 'What your usage cost',
  supply_mix: 'Where the grid\'s electricity came from (such as solar or wind)',
  register: 'Your meter\'s register readings (the totals on its display)',
  natural_gas: 'Gas you used',
  water: 'Water you used',
  fuel_oil: 'Fuel oil you used',
  other: 'Other kinds of readings',
};
const ORDER: Category[] = ['energy', 'time_of_use', 'demand', 'billed', 'cost', 'supply_mix', 'register', 'natural_gas', 'water', 'fuel_oil', 'other'];

const USAGE_CATEGORY: Record<string, Category> = {
  electric_usage: 'energy', natural_gas_usage: 'natural_gas', water_usage: 'water', fuel_oil_usage: 'fuel_oil',
};

/** The category of one Value Format, from its type and designations. */
function categoryOf(format: ValueFormat | undefined): Category {
  if (!format) return 'other';
  switch (format.type) {
    case 'electric_usage':
    case 'natural_gas_usage':
    case 'water_usage':
    case 'fuel_oil_usage':
      // Billing-quality values (§10.8.7.6) and rate tiers (§10.8.7.4) are the bill's amounts.
      if (format.quality === 'revenue' || (format.tier !== undefined && format.tier !== null)) return 'billed';
      // A stated time-of-use or season designation, `null` (no TOU rate) included (§10.8.5).
      if (format.type === 'electric_usage' && (format.tou !== undefined || format.season !== undefined)) return 'time_of_use';
      return USAGE_CATEGORY[format.type];
    case 'electric_demand': return 'demand';
    case 'cost': return 'cost';
    case 'electric_supply_mix': return 'supply_mix';
    case 'meter_readings': return 'register';
  }
}

/** Electricity delivered, received, or both (net counts as both; no direction is delivered). */
function energyLabel(formats: (ValueFormat | undefined)[]): string {
  const directions = new Set(formats.map((f) => (f && 'direction' in f ? f.direction : undefined) ?? 'forward'));
  const used = directions.has('forward') || directions.has('net');
  const sentBack = directions.has('reverse') || directions.has('net');
  if (used && sentBack) return 'Electricity you used and sent back to the grid (such as from solar panels)';
  return sentBack ? 'Electricity you sent back to the grid (such as from solar panels)' : 'Electricity you used';
}

function formatOf(choice: Choice | undefined): ValueFormat | undefined {
  const parsed = valueFormatSchema.safeParse(choice?.usagesegment_format);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The chosen formats grouped by category, in catalogue order; ids the catalogue does not describe
 * are listed by id under "Other kinds of readings". Only categories with a chosen format appear.
 */
export function readingKinds(choices: readonly Choice[], chosenIds: readonly string[]): ReadingKind[] {
  const position = (id: string) => {
    const i = choices.findIndex((c) => c.id === id);
    return i < 0 ? choices.length : i;
  };
  const groups = new Map<Category, { formats: (ValueFormat | undefined)[]; shown: ReadingFormat[] }>();
  for (const id of [...new Set(chosenIds)].sort((a, b) => position(a) - position(b))) {
    const choice = choices.find((c) => c.id === id);
    const format = formatOf(choice);
    const category = categoryOf(format);
    const group = groups.get(category) ?? { formats: [], shown: [] };
    group.formats.push(format);
    group.shown.push({ name: choice?.name ?? id, description: choice?.description ?? '' });
    groups.set(category, group);
  }
  return ORDER.filter((c) => groups.has(c)).map((c) => {
    const group = groups.get(c)!;
    return { label: c === 'energy' ? energyLabel(group.formats) : LABELS[c], formats: group.shown };
  });
}
