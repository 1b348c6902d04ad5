import { describe, expect, it } from 'vitest';
import {
  customerDataScopes, demoCustomerDataConfig, DEMO_VALUE_FORMATS, type ValueFormatOffer,
} from '../../scopes/customer-data';
import type { Choice } from '../../scopes';
import { itemsOf } from './access';
import { readingKinds } from './readings';

/** The `include_usage_segment_value_types` Choices of cds_usage as published, for a given catalogue. */
function usageField(valueFormats: readonly ValueFormatOffer[] = DEMO_VALUE_FORMATS) {
  const config = demoCustomerDataConfig({ publicUrl: 'https://utility.example' });
  config.valueFormats = valueFormats;
  const sd = customerDataScopes(config).descriptions.find((d) => d.id === 'cds_usage')!;
  return { sd, choices: sd.authorization_details_fields_supported.find((f) => f.id === 'include_usage_segment_value_types')!.choices! };
}

const ids = (choices: Choice[]) => choices.map((c) => c.id);
const byName = (choices: Choice[]) => new Map(choices.map((c) => [c.name, c.id]));
const labelOf = (kinds: ReturnType<typeof readingKinds>, formatName: string) =>
  kinds.find((k) => k.formats.some((f) => f.name === formatName))?.label;

describe('kinds of readings (cds-wg3-01 §9.2.2.1)', () => {
  const { choices } = usageField();

  it('groups the whole catalogue into a few categories, each format in exactly one', () => {
    const kinds = readingKinds(choices, ids(choices));
    expect(choices.length).toBeGreaterThan(20);
    expect(kinds.map((k) => k.label)).toEqual([
      'Electricity you used and sent back to the grid (such as from solar panels)',
      'Electricity you used in each time-of-use period and season',
      'How much power you drew at a time (demand)',
      'Your usage as billed for each billing period',
      'What your usage cost',
      'Where the grid\'s electricity came from (such as solar or wind)',
      'Your meter\'s register readings (the totals on its display)',
      'Gas you used',
      'Water you used',
    ]);
    for (const k of kinds) expect(k.formats.length).toBeGreaterThan(0);
    const shown = kinds.flatMap((k) => k.formats.map((f) => f.name));
    expect(shown.sort()).toEqual(choices.map((c) => c.name).sort());
    // Each format keeps its own words for the customer who opens the list.
    for (const f of kinds.flatMap((k) => k.formats)) expect(f.description).toBe(choices.find((c) => c.name === f.name)!.description);
  });

  it('places formats by their attributes: quality, tier, time-of-use, season, type', () => {
    const kinds = readingKinds(choices, ids(choices));
    expect(labelOf(kinds, 'Electric intervals, estimated (kWh)')).toBe(kinds[0].label);
    expect(labelOf(kinds, 'Electric intervals, received (kWh)')).toBe(kinds[0].label);
    // `tou: null` states "no time-of-use rate": a time-of-use designation all the same.
    expect(labelOf(kinds, 'Electric intervals without time-of-use (kWh)')).toBe('Electricity you used in each time-of-use period and season');
    expect(labelOf(kinds, 'Electric daily peak demand (kW)')).toBe('How much power you drew at a time (demand)');
    expect(labelOf(kinds, 'Electric demand (kW)')).toBe('How much power you drew at a time (demand)');
    expect(labelOf(kinds, 'Electric billed baseline usage (kWh)')).toBe('Your usage as billed for each billing period');
    expect(labelOf(kinds, 'Electric billed usage (kWh)')).toBe('Your usage as billed for each billing period');
  });

  it('puts a format added to the catalogue in the category its attributes name', () => {
    const extra: ValueFormatOffer[] = [
      {
        format: { id: 'electric_interval_kwh_tou_super_peak', type: 'electric_usage', units: 'kWh', direction: 'forward', tou: 'super_peak' },
        name: 'Electric intervals, super peak (kWh)', description: 'Delivered electricity in the super peak period.', service_types: ['electric'],
      },
      {
        format: { id: 'water_daily_l', type: 'water_usage', units: 'L' },
        name: 'Water daily usage (liters)', description: 'Water usage per day.', service_types: ['water'],
      },
      {
        format: { id: 'natural_gas_billed_therm', type: 'natural_gas_usage', units: 'therm', quality: 'revenue' },
        name: 'Natural gas billed usage (therms)', description: 'Gas billed per billing period.', service_types: ['natural_gas'],
      },
    ];
    const before = readingKinds(choices, ids(choices));
    const grown = usageField([...DEMO_VALUE_FORMATS, ...extra]).choices;
    const after = readingKinds(grown, ids(grown));
    expect(after.map((k) => k.label)).toEqual(before.map((k) => k.label));
    expect(labelOf(after, 'Electric intervals, super peak (kWh)')).toBe('Electricity you used in each time-of-use period and season');
    expect(labelOf(after, 'Water daily usage (liters)')).toBe('Water you used');
    expect(labelOf(after, 'Natural gas billed usage (therms)')).toBe('Your usage as billed for each billing period');
    expect(after.flatMap((k) => k.formats).length).toBe(before.flatMap((k) => k.formats).length + extra.length);
  });

  it('shows one or two formats as just those, with no other category', () => {
    const names = byName(choices);
    expect(readingKinds(choices, [names.get('Electric intervals, delivered (kWh)')!])).toEqual([
      { label: 'Electricity you used', formats: [{ name: 'Electric intervals, delivered (kWh)', description: expect.any(String) }] },
    ]);
    expect(readingKinds(choices, [names.get('Electric intervals, received (kWh)')!]).map((k) => k.label))
      .toEqual(['Electricity you sent back to the grid (such as from solar panels)']);
    const two = readingKinds(choices, [names.get('Water usage (gallons)')!, names.get('Interval cost (USD)')!]);
    expect(two.map((k) => [k.label, k.formats.map((f) => f.name)])).toEqual([
      ['What your usage cost', ['Interval cost (USD)']],
      ['Water you used', ['Water usage (gallons)']],
    ]);
  });

  it('lists in catalogue order whatever the request order, once each, and names an unknown id under other readings', () => {
    const forward = ids(choices).slice(0, 4);
    expect(readingKinds(choices, [...forward].reverse())).toEqual(readingKinds(choices, forward));
    expect(readingKinds(choices, [...forward, ...forward])).toEqual(readingKinds(choices, forward));
    expect(readingKinds(choices, ['vendor_specific_format'])).toEqual([
      { label: 'Other kinds of readings', formats: [{ name: 'vendor_specific_format', description: '' }] },
    ]);
    expect(readingKinds(choices, [])).toEqual([]);
  });

  it('is the form\'s "Kinds of readings" detail for a usage scope, absent when no formats are chosen', () => {
    const { sd } = usageField();
    const chosen = ids(choices);
    const items = itemsOf([{ scopeId: 'cds_usage', type: 'cds_usage', sd, entry: { include_usage_segments: true, include_usage_segment_value_types: chosen } }]);
    expect(items.map((i) => i.label)).toEqual(['Usage readings from your meters', 'Kinds of readings']);
    expect(items[1]).toEqual({ field: 'include_usage_segment_value_types', label: 'Kinds of readings', kinds: readingKinds(choices, chosen) });
    const without = itemsOf([{ scopeId: 'cds_usage', type: 'cds_usage', sd, entry: { include_usage_segments: true, include_usage_segment_value_types: null } }]);
    expect(without.map((i) => i.label)).toEqual(['Usage readings from your meters']);
  });
});
