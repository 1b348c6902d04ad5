import { Decimal, JsonDecimal } from '../../json';
import type { ValueFormat } from '../../scopes/customer-data';

/**
 * Usage Segments carry exact copies of the selected Choices' `usagesegment_format` objects
 * (cds-wg3-01 §7.2.8.1; digest part 10 #19), while the metering graph describes each meter's
 * channels in the MDM's own units. Each offered format is filled from one graph channel exactly:
 *
 * - the same type, direction, demand type, register or supply source, in a unit of the same
 *   dimension related by a power of ten (Wh → kWh is a decimal shift);
 * - every designation the offered format states (`tou`, `tier`, `season`, `quality`; a stated
 *   `null` included) stated alike by the channel. Among the channels that fit, the most general
 *   one (fewest stated designations) fills a format that states fewer: `forward kWh` is the whole
 *   delivered series, not its estimated readings or its peak-period ones;
 * - average demand that no channel gives follows from interval energy (W = Wh × 3600 / interval);
 * - `cost` and `electric_supply_mix` are copied with their `indexes`, so they are emitted only when
 *   the output column they name is filled from the channel the graph's cost or mix describes.
 *
 * A format no channel of a segment yields is left out of it (§7.2.8.1 allows any subset).
 */

/** A channel format as the graph gives it (`omittedFields`: the keys it does not state). */
export interface GraphFormat {
  id: string;
  type: string;
  omittedFields?: string[];
  units?: string;
  direction?: string | null;
  demandType?: string;
  tou?: string | null;
  tier?: string | null;
  season?: string | null;
  quality?: string | null;
  currency?: string;
  indexes?: number[];
  attribution?: string;
  supplyType?: string;
  register?: string | null;
  relatedMeterDeviceId?: string | null;
}

/** A graph value object: one key per value type (`eu`, `wu`, `c`, `sm`, `r`, …), decimals as strings. */
export type GraphValue = Record<string, unknown> | null;

/** Units related by powers of ten, in their smallest unit (conversions outside these are not exact). */
const SCALES: readonly Record<string, number>[] = [
  { Wh: 0, kWh: 3, MWh: 6 },
  { W: 0, kW: 3, MW: 6 },
  { ft3: 0, CCF: 2, MCF: 3, MMCF: 6 },
  { L: 0, m3: 3 },
];

/** Decimal exponent turning a quantity in `from` into `to`, or null when no exact conversion exists. */
function shift(from: string | undefined, to: string): number | null {
  if (from === undefined) return null;
  if (from === to) return 0;
  const scale = SCALES.find((s) => from in s && to in s);
  return scale ? scale[from] - scale[to] : null;
}

const VALUE_KEY: Record<string, string> = {
  electric_usage: 'eu', electric_demand: 'ed', water_usage: 'wu', natural_gas_usage: 'gu', fuel_oil_usage: 'fu', meter_readings: 'r',
};

const DESIGNATIONS = ['tou', 'tier', 'season', 'quality'] as const;
type Designation = (typeof DESIGNATIONS)[number];

/** The designations a graph channel states: a selected key it does not list as omitted. */
const statedBy = (c: GraphFormat, key: Designation) => c[key] !== undefined && !(c.omittedFields ?? []).includes(key);
const stated = (c: GraphFormat) => DESIGNATIONS.filter((k) => statedBy(c, k)).length;

/** Whether the channel states every designation the target states, alike (`keys`: the ones to compare). */
function designatedAlike(target: ValueFormat, c: GraphFormat, keys: readonly Designation[] = DESIGNATIONS): boolean {
  return keys.every((k) => !(k in target) || (statedBy(c, k) && c[k] === (target as Record<string, unknown>)[k]));
}

/** One output column: its format, the channel it reads, and its value in one value set. */
export interface Column {
  format: ValueFormat;
  source: number;
  value(set: readonly GraphValue[], intervalSeconds: Decimal): Record<string, JsonDecimal | string> | null;
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

const sameDirection = (target: ValueFormat, channel: GraphFormat) =>
  !('direction' in target) || target.direction === (channel.direction ?? undefined);

/** The most general channel that fits, or -1. */
function mostGeneral(channels: readonly GraphFormat[], fits: (c: GraphFormat) => boolean): number {
  let best = -1;
  channels.forEach((c, j) => {
    if (fits(c) && (best < 0 || stated(c) < stated(channels[best]))) best = j;
  });
  return best;
}

/** A column copying a channel's values in the target's units. */
function copied(target: ValueFormat, source: number, exponent: number): Column {
  const key = VALUE_KEY[target.type];
  return {
    format: target, source,
    value(set) {
      const raw = set[source]?.[key];
      if (typeof raw !== 'string') return null;
      const shifted = shiftPoint(raw, exponent);
      // A register reading stays a string (§10.8.5.8.2).
      return { [key]: key === 'r' ? shifted : new JsonDecimal(shifted) };
    },
  };
}

/** Average demand from the energy of an interval channel: W = Wh × 3600 / interval seconds. */
function derivedDemand(target: Extract<ValueFormat, { type: 'electric_demand' }>, channels: readonly GraphFormat[]): Column | null {
  const source = mostGeneral(channels, (c) => c.type === 'electric_usage' && sameDirection(target, c) && shift(c.units, 'Wh') !== null
    // The derivation is the calculation: only the billing designations must agree.
    && designatedAlike(target, c, ['tou', 'tier', 'season']));
  if (source < 0) return null;
  const scale = new Decimal(10).pow(shift(channels[source].units, 'Wh')! + shift('W', target.units)!).times(3600);
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

function valueColumn(target: ValueFormat, channels: readonly GraphFormat[]): Column | null {
  if (!('units' in target) || !(target.type in VALUE_KEY)) return null;
  if (target.type === 'meter_readings') {
    const source = channels.findIndex((c) => c.type === 'meter_readings' && c.register === target.register && shift(c.units, target.units) !== null);
    return source < 0 ? null : copied(target, source, shift(channels[source].units, target.units)!);
  }
  const source = mostGeneral(channels, (c) => c.type === target.type && sameDirection(target, c) && shift(c.units, target.units) !== null
    && (target.type !== 'electric_demand' || c.demandType === target.demand_type) && designatedAlike(target, c));
  if (source >= 0) return copied(target, source, shift(channels[source].units, target.units)!);
  // Only average demand follows from interval energy.
  return target.type === 'electric_demand' && target.demand_type === 'average' ? derivedDemand(target, channels) : null;
}

/** A `cost` or `electric_supply_mix` copy: emitted when the output column its `indexes` names reads the channel the graph's one describes. */
function describingColumn(target: ValueFormat, columns: readonly Column[], channels: readonly GraphFormat[]): Column | null {
  if ((target.type !== 'cost' && target.type !== 'electric_supply_mix') || target.indexes.length !== 1) return null;
  const described = columns[Number(target.indexes[0])];
  if (!described) return null;
  const source = channels.findIndex((c) => c.type === target.type && (c.indexes ?? []).includes(described.source)
    && (target.type === 'cost' ? c.currency === target.currency : c.attribution === target.attribution && c.supplyType === target.supply_type));
  if (source < 0) return null;
  return {
    format: target, source,
    value(set) {
      if (target.type === 'cost') {
        const cost = read(set, source, 'c');
        return cost === null ? null : { c: JsonDecimal.from(cost) };
      }
      const mix = set[source];
      if (typeof mix?.sm !== 'string') return null;
      const out: Record<string, JsonDecimal> = { sm: new JsonDecimal(mix.sm) };
      if (typeof mix.ci === 'string') out.ci = new JsonDecimal(mix.ci);
      return out;
    },
  };
}

/**
 * The columns a segment with these channels gets for the selected formats: values first (in the
 * selection's order), then costs and supply mixes, whose `indexes` name those first columns.
 */
export function columnsFor(selected: readonly ValueFormat[], channels: readonly GraphFormat[]): Column[] {
  const columns = selected.map((f) => valueColumn(f, channels)).filter((c): c is Column => c !== null);
  for (const target of selected) {
    const column = describingColumn(target, columns, channels);
    if (column) columns.push(column);
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
