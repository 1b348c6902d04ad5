import type { ValueFormatOffer } from '../../scopes/customer-data';

/**
 * What the metering graph must add to the MDM's delivered and received readings
 * (`UsageSegmentFilter.details`) so that the selected formats can be filled: a stated quality or
 * time-of-use designation, net energy, the register, cost, supply mix, daily peak demand or the
 * billed usage of bill sections. Nothing more is read than the formats need.
 */
export function detailsFor(offers: readonly ValueFormatOffer[]): string[] {
  const details = new Set<string>();
  for (const { format, segments } of offers) {
    if (segments === 'billing_period') details.add('BILLED');
    if (segments === 'daily_peak_demand') details.add('PEAK_DEMAND');
    if ('quality' in format) details.add('QUALITY');
    if ('tou' in format || 'season' in format) details.add('TIME_OF_USE');
    if ('direction' in format && format.direction === 'net') details.add('NET');
    if (format.type === 'meter_readings') details.add('REGISTER');
    if (format.type === 'cost') details.add('COST');
    if (format.type === 'electric_supply_mix') details.add('SUPPLY_MIX');
  }
  return [...details].sort();
}
