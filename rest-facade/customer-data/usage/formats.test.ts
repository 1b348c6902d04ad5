import { describe, expect, it } from 'vitest';
import { Decimal, JsonDecimal } from '../../json';
import { DEMO_VALUE_FORMATS, type ValueFormat } from '../../scopes/customer-data';
import { columnsFor, project, type GraphFormat } from './formats';

const catalogue = DEMO_VALUE_FORMATS.map((o) => o.format);
const byId = (id: string) => catalogue.find((f) => f.id === id)!;

const forwardWh: GraphFormat = { id: 'electric_usage_forward_Wh', type: 'electric_usage', units: 'Wh', direction: 'forward' };
const reverseWh: GraphFormat = { id: 'electric_usage_reverse_Wh', type: 'electric_usage', units: 'Wh', direction: 'reverse' };
const costUsd: GraphFormat = { id: 'cost_USD_0', type: 'cost', currency: 'USD', indexes: [0] };

describe('Value Formats from meter channels', () => {
  it('converts by powers of ten exactly, however many digits', () => {
    const columns = columnsFor([byId('electric_interval_kwh_forward')], [forwardWh]);
    const { formats, values } = project(columns, [[{ eu: '123456789012345678901234567890' }], [{ eu: '1' }], [null]], new Decimal(900));
    expect(formats).toEqual([byId('electric_interval_kwh_forward')]);
    expect(values).toEqual([[{ eu: new JsonDecimal('123456789012345678901234567.89') }], [{ eu: new JsonDecimal('0.001') }], [null]]);
  });

  it('derives average demand from interval energy, and keeps directions apart', () => {
    const columns = columnsFor(catalogue, [forwardWh, reverseWh]);
    expect(columns.map((c) => c.format.id)).toEqual(['electric_interval_kwh_forward', 'electric_interval_kwh_reverse', 'electric_interval_kw_demand']);
    const { values } = project(columns, [[{ eu: '250' }, { eu: '-75' }]], new Decimal(900));
    expect(values).toEqual([[{ eu: new JsonDecimal('0.25') }, { eu: new JsonDecimal('-0.075') }, { ed: new JsonDecimal('1') }]]);
    // A reverse-only meter yields no forward formats.
    expect(columnsFor(catalogue, [reverseWh]).map((c) => c.format.id)).toEqual(['electric_interval_kwh_reverse']);
  });

  it('emits a cost format only when its indexes name the column its cost prices', () => {
    const cost = byId('interval_cost_usd');
    const both = columnsFor([byId('electric_interval_kwh_forward'), cost], [forwardWh, costUsd]);
    expect(both.map((c) => c.format)).toEqual([byId('electric_interval_kwh_forward'), cost]);
    expect(project(both, [[{ eu: '10' }, { c: '0.00123' }]], new Decimal(900)).values).toEqual([[{ eu: new JsonDecimal('0.01') }, { c: new JsonDecimal('0.00123') }]]);
    // Priced column not at the format's index 0: the exact copy would lie, so it is left out.
    const shifted = columnsFor([byId('electric_interval_kwh_reverse'), byId('electric_interval_kwh_forward'), cost], [forwardWh, reverseWh, costUsd]);
    expect(shifted.map((c) => c.format.id)).toEqual(['electric_interval_kwh_reverse', 'electric_interval_kwh_forward']);
  });

  it('leaves out formats no exact conversion reaches, and gives no value sets without formats', () => {
    const gasScf: GraphFormat = { id: 'natural_gas_usage_scf', type: 'natural_gas_usage', units: 'scf' };
    const therm: ValueFormat = { id: 'gas_therm', type: 'natural_gas_usage', units: 'therm' };
    expect(columnsFor([therm], [gasScf])).toEqual([]);
    expect(columnsFor([byId('natural_gas_daily_scf')], [gasScf]).map((c) => c.format.id)).toEqual(['natural_gas_daily_scf']);
    expect(project([], [[{ gu: '12' }]], new Decimal(86400))).toEqual({ formats: [], values: [] });
  });

  it('fills a format from a channel stating every designation it states, the most general one when it states fewer', () => {
    const omitted = (...keys: string[]) => ['tou', 'tier', 'season', 'quality', 'related_meterdevices'].filter((k) => !keys.includes(k));
    const main: GraphFormat = { ...forwardWh, tou: null, tier: null, season: null, quality: null, omittedFields: omitted() };
    const estimated: GraphFormat = { ...main, id: 'electric_usage_forward_Wh_estimated', quality: 'estimated', omittedFields: omitted('quality') };
    const peak: GraphFormat = { ...main, id: 'electric_usage_forward_Wh_peak_summer', tou: 'peak', season: 'summer', omittedFields: omitted('tou', 'season') };
    const flat: GraphFormat = { ...main, id: 'electric_usage_forward_Wh_no_tou', omittedFields: omitted('tou', 'season') };
    const channels = [estimated, peak, flat, main];
    const pick = (id: string) => columnsFor([byId(id)], channels).map((c) => channels[c.source].id);
    expect(pick('electric_interval_kwh_forward')).toEqual(['electric_usage_forward_Wh']);
    expect(pick('electric_interval_kwh_forward_estimated')).toEqual(['electric_usage_forward_Wh_estimated']);
    expect(pick('electric_interval_kwh_tou_peak_summer')).toEqual(['electric_usage_forward_Wh_peak_summer']);
    // `null` is a statement ("no time-of-use period"), not a wildcard, and an omitted key is not `null`.
    expect(pick('electric_interval_kwh_no_tou')).toEqual(['electric_usage_forward_Wh_no_tou']);
    expect(columnsFor([byId('electric_interval_kwh_no_tou')], [main])).toEqual([]);
    expect(pick('electric_interval_kwh_forward_corrected')).toEqual([]);
    expect(pick('electric_interval_kwh_tou_peak_winter')).toEqual([]);
    // Average demand comes from the whole delivered series.
    expect(pick('electric_interval_kw_demand')).toEqual(['electric_usage_forward_Wh']);
  });

  it('reads registers as strings in the format\'s units, and daily peak demand from the demand channel', () => {
    const register: GraphFormat = { id: 'meter_readings_Wh_1.8.0', type: 'meter_readings', register: '1.8.0', units: 'Wh', relatedMeterDeviceId: 'M1' };
    const columns = columnsFor([byId('electric_register_kwh')], [forwardWh, register]);
    expect(project(columns, [[{ eu: '5' }, { r: '1234567' }]], new Decimal(900)).values).toEqual([[{ r: '1234.567' }]]);
    expect(columnsFor([byId('electric_register_kwh')], [{ ...register, register: '2.8.0' }])).toEqual([]);
    const peak: GraphFormat = { id: 'electric_demand_forward_W_peak_calculated', type: 'electric_demand', units: 'W', direction: 'forward', demandType: 'peak', quality: 'calculated', omittedFields: [] };
    const daily = columnsFor([byId('electric_daily_kw_peak')], [peak]);
    expect(project(daily, [[{ ed: '5120' }]], new Decimal(86400)).values).toEqual([[{ ed: new JsonDecimal('5.12') }]]);
    expect(columnsFor([byId('electric_daily_kw_peak')], [forwardWh])).toEqual([]);
  });

  it('emits the supply mix of the usage its indexes name, with the carbon intensity', () => {
    const solar: GraphFormat = { id: 'electric_supply_mix_base_solar', type: 'electric_supply_mix', attribution: 'base', supplyType: 'solar', indexes: [1] };
    const columns = columnsFor([byId('electric_interval_kwh_forward'), byId('electric_supply_mix_solar'), byId('electric_supply_mix_wind')], [reverseWh, forwardWh, solar]);
    expect(columns.map((c) => c.format.id)).toEqual(['electric_interval_kwh_forward', 'electric_supply_mix_solar']);
    expect(project(columns, [[{ eu: '-1' }, { eu: '100' }, { sm: '0.2310', ci: '41', eacs: null }]], new Decimal(900)).values)
      .toEqual([[{ eu: new JsonDecimal('0.1') }, { sm: new JsonDecimal('0.2310'), ci: new JsonDecimal('41') }]]);
    expect(columnsFor([byId('electric_interval_kwh_reverse'), byId('electric_supply_mix_solar')], [reverseWh, forwardWh, solar]).map((c) => c.format.id))
      .toEqual(['electric_interval_kwh_reverse']);
  });
});

describe('shiftPoint', () => {
  it('moves the decimal point exactly, like decimal arithmetic would', async () => {
    const { shiftPoint } = await import('./formats');
    const cases: [string, number][] = [['250', -3], ['-75', -3], ['0', -3], ['1', -6], ['123.456', 2], ['1.5', 3], ['100', -2], ['-0.5', 1], ['12', 0], ['0.000', 3]];
    for (const [token, exponent] of cases) {
      expect(shiftPoint(token, exponent), `${token}e${exponent}`).toBe(new Decimal(token).times(new Decimal(10).pow(exponent)).toFixed());
    }
  });
});
