import { describe, expect, it } from 'vitest';
import { formatCatalogue } from './catalogue';

describe('usageValueFormats', () => {
  const tou = new Map([[1, { tou: 'peak' as const, season: 'summer' as const }], [2, { tou: 'off_peak' as const, season: null }]]);
  const catalogue = formatCatalogue(tou);

  it('names every definition once, with stated designations in its id', () => {
    expect(new Set(catalogue.map((f) => f.id)).size).toBe(catalogue.length);
    expect(catalogue.map((f) => f.id)).toEqual(expect.arrayContaining([
      'electric_usage_forward_Wh', 'electric_usage_reverse_Wh', 'electric_usage_forward_Wh_estimated', 'electric_usage_net_Wh_calculated',
      'electric_usage_forward_Wh_no_tou', 'electric_usage_forward_Wh_peak_summer', 'electric_usage_forward_Wh_off_peak',
      'meter_readings_Wh_1.8.0', 'electric_demand_forward_W_peak_calculated', 'electric_usage_forward_Wh_revenue',
      'electric_usage_forward_Wh_baseline_revenue', 'electric_usage_forward_Wh_overage_revenue', 'natural_gas_usage_scf', 'water_usage_gal',
      'cost_USD_0', 'electric_supply_mix_base_solar', 'electric_supply_mix_base_natural_gas',
    ]));
  });

  it('states a designation only where it is known (`omittedFields` lists the others)', () => {
    const byId = new Map(catalogue.map((f) => [f.id, f]));
    expect(byId.get('electric_usage_forward_Wh')!.omittedFields).toEqual(['tou', 'tier', 'season', 'quality', 'related_meterdevices']);
    expect(byId.get('electric_usage_forward_Wh_no_tou')).toMatchObject({ tou: null, season: null, omittedFields: ['tier', 'quality', 'related_meterdevices'] });
    expect(byId.get('electric_usage_forward_Wh_off_peak')).toMatchObject({ tou: 'off_peak', season: null });
    expect(byId.get('meter_readings_Wh_1.8.0')).toMatchObject({ register: '1.8.0', relatedMeterDeviceId: null });
  });
});
