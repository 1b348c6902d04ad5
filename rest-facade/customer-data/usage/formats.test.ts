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
    const gasFt3: GraphFormat = { id: 'natural_gas_usage_scf', type: 'natural_gas_usage', units: 'scf' };
    const therm: ValueFormat = byId('natural_gas_daily_therm');
    expect(columnsFor([therm], [gasFt3])).toEqual([]);
    expect(project([], [[{ gu: '12' }]], new Decimal(86400))).toEqual({ formats: [], values: [] });
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
