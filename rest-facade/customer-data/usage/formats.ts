import { Decimal, JsonDecimal } from '../../json';
import type { ValueFormat } from '../../scopes/customer-data';

/**
 * Usage Segments carry exact copies of the selected Choices' `usagesegment_format` objects
 * (cds-wg3-01 §7.2.8.1; digest part 10 #19), while the metering graph describes each meter's
 * channels in the MDM's own units. Each offered format is derived from a channel exactly: the
 * same quantity and direction in a unit of the same dimension related by a power of ten
 * (Wh → kWh is a decimal shift), average demand from interval energy (W = Wh × 3600 / interval
 * seconds), and interval cost from the channel cost of the usage column it prices. A format no
 * channel of a meter yields is left out of that meter's segments (§7.2.8.1 allows any subset).
 */

/** A channel format as the graph gives it. */
export interface GraphFormat {
  id: string;
  type: string;
  units?: string;
  direction?: string | null;
  demandType?: string;
  currency?: string;
  indexes?: number[];
}

/** A graph value object: one key per value type (`eu`, `wu`, `c`, …), decimals as strings. */
export type GraphValue = Record<string, unknown> | null;

/** Units related by powers of ten, in their smallest unit (conversions outside these are not exact). */
const SCALES: readonly Record<string, number>[] = [
  { Wh: 0, kWh: 3, MWh: 6 },
  { W: 0, kW: 3, MW: 6 },
  { ft3: 0, CCF: 2, MCF: 3, MMCF: 6 },
  { L: 0, m3: 3 },
];

/** Decimal exponent turning a quantity in `from` into `to`, or null when no exact conversion exists. */
function shift(from: string, to: string): number | null {
  if (from === to) return 0;
  const scale = SCALES.find((s) => from in s && to in s);
  return scale ? scale[from] - scale[to] : null;
}

const VALUE_KEY: Record<string, string> = {
  electric_usage: 'eu', electric_demand: 'ed', water_usage: 'wu', natural_gas_usage: 'gu', fuel_oil_usage: 'fu',
};

/** One output column: its format, the channel it reads, and its value in one value set. */
export interface Column {
  format: ValueFormat;
  source: number;
  value(set: readonly GraphValue[], intervalSeconds: Decimal): Record<string, JsonDecimal> | null;
}

function read(set: readonly GraphValue[], index: number, key: string): Decimal | null {
  const raw = set[index]?.[key];
  return typeof raw === 'string' ? new Decimal(raw) : null;
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * `token` × 10^`exponent`, exactly, by moving the decimal point (no arithmetic: a usage page holds
 * tens of thousands of values). The result has no leading or trailing zeros beyond the value's.
 */
export function shiftPoint(token: string, exponent: number): string {
  const match = PLAIN_DECIMAL.exec(token);
  if (!match) return new Decimal(token).times(new Decimal(10).pow(exponent)).toFixed();
  const [, sign, whole, fraction = ''] = match;
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : point > digits.length ? digits + '0'.repeat(point - digits.length) : digits;
  const at = Math.max(point, 1);
  const int = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(at).replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return sign && /[1-9]/.test(out) ? `-${out}` : out;
}

const sameDirection = (target: { direction?: string }, channel: GraphFormat) =>
  target.direction === undefined || target.direction === (channel.direction ?? undefined);

function usageColumn(target: ValueFormat, channels: readonly GraphFormat[]): Column | null {
  if (!('units' in target) || !(target.type in VALUE_KEY)) return null;
  const key = VALUE_KEY[target.type];
  if (target.type === 'electric_demand') {
    // Only average demand follows from interval energy.
    if (target.demand_type !== 'average') return null;
    const source = channels.findIndex((c) => c.type === 'electric_usage' && c.units !== undefined
      && sameDirection(target, c) && shift(c.units, 'Wh') !== null);
    if (source < 0) return null;
    const scale = new Decimal(10).pow(shift(channels[source].units!, 'Wh')! + shift('W', target.units)!).times(3600);
    const factors = new Map<string, Decimal>();
    return {
      format: target, source,
      value(set, interval) {
        const energy = read(set, source, 'eu');
        if (energy === null) return null;
        let factor = factors.get(interval.toString());
        if (!factor) factors.set(interval.toString(), (factor = scale.div(interval)));
        return { ed: JsonDecimal.from(energy.times(factor)) };
      },
    };
  }
  const source = channels.findIndex((c) => c.type === target.type && c.units !== undefined
    && sameDirection(target as { direction?: string }, c) && shift(c.units, target.units) !== null);
  if (source < 0) return null;
  const exponent = shift(channels[source].units!, target.units)!;
  return {
    format: target, source,
    value(set) {
      const raw = set[source]?.[key];
      return typeof raw === 'string' ? { [key]: new JsonDecimal(shiftPoint(raw, exponent)) } : null;
    },
  };
}

/**
 * The columns a segment with these channels gets for the selected formats, usage first (in the
 * selection's order) then cost. A cost format is copied exactly, so its `indexes` must name the
 * output column of the usage its channel cost prices; otherwise it is left out.
 */
export function columnsFor(selected: readonly ValueFormat[], channels: readonly GraphFormat[]): Column[] {
  const columns = selected.map((f) => usageColumn(f, channels)).filter((c): c is Column => c !== null);
  for (const target of selected) {
    if (target.type !== 'cost' || target.indexes.length !== 1) continue;
    const priced = columns[Number(target.indexes[0])];
    if (!priced) continue;
    const source = channels.findIndex((c) => c.type === 'cost' && c.currency === target.currency && (c.indexes ?? []).includes(priced.source));
    if (source < 0) continue;
    columns.push({
      format: target, source,
      value(set) {
        const cost = read(set, source, 'c');
        return cost === null ? null : { c: JsonDecimal.from(cost) };
      },
    });
  }
  return columns;
}

/**
 * A segment's formats and values for these columns: each value set re-cut to the columns; no
 * columns (`include_usage_segment_value_types` null, or nothing selected applies) → no value sets.
 */
export function project(columns: readonly Column[], values: readonly (readonly GraphValue[])[], intervalSeconds: Decimal) {
  return {
    formats: columns.map((c) => c.format),
    values: columns.length === 0 ? [] : values.map((set) => columns.map((c) => c.value(set, intervalSeconds))),
  };
}
