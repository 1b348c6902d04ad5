import { z } from 'zod';
import { Decimal, JsonDecimal } from '../../json';
import { cdsTimestamps, checkTimestamps } from './common';
import { datetime, decimal, id, idList } from './primitives';
import { VALUE_KEYS, ValueFormat, ValueObject } from './valueFormats';

/** §10.8.3: one entry per interval, positionally matching `formats`; `null` where a value is missing. */
export const ValueSet = z.array(ValueObject.nullable()).meta({ id: 'ValueSet', description: 'cds-wg3-01 §10.8.3 Value Set' });

type Issue = { path: (string | number)[]; message: string };

/** The sign convention of §10.8.5.1.2/§10.8.5.2.2: positive flows to the Customer, negative to the grid. */
function signIssue(format: ValueFormat, value: JsonDecimal): string | null {
  if (format.type !== 'electric_usage' && format.type !== 'electric_demand') return null;
  const sign = value.toDecimal().comparedTo(0);
  if (format.direction === 'forward' && sign < 0) return 'a forward value cannot be negative';
  if (format.direction === 'reverse' && sign > 0) return 'a reverse value cannot be positive';
  return null;
}

/** The invariants a Usage Segment's formats and values must keep (§10.8.1–§10.8.5). */
function structureIssues(segment: {
  segment_start: string;
  segment_end: string;
  interval: JsonDecimal;
  formats: ValueFormat[];
  values: (ValueObject | null)[][];
}): Issue[] {
  const issues: Issue[] = [];
  const { formats, values } = segment;
  const interval = segment.interval.toDecimal();
  if (interval.lte(0)) issues.push({ path: ['interval'], message: 'interval must be positive' });
  const span = new Decimal(Date.parse(segment.segment_end) - Date.parse(segment.segment_start)).div(1000);
  if (span.lt(0)) issues.push({ path: ['segment_end'], message: 'segment_end is earlier than segment_start' });
  // Value Set i starts at segment_start + i × interval, so the last one cannot start after segment_end.
  else if (interval.gt(0) && values.length > 0 && interval.times(values.length - 1).gt(span)) {
    issues.push({ path: ['values'], message: `${values.length} value sets of ${segment.interval.token}s do not fit between segment_start and segment_end` });
  }

  const ids = new Set<string>();
  formats.forEach((format, j) => {
    if (ids.has(format.id)) issues.push({ path: ['formats', j, 'id'], message: `duplicate Value Format id ${format.id}` });
    ids.add(format.id);
    if ('indexes' in format) {
      for (const raw of format.indexes) {
        const index = Number(raw.toString());
        if (index >= formats.length || index === j) {
          issues.push({ path: ['formats', j, 'indexes'], message: `index ${index} does not name another format of this segment` });
        }
      }
    }
  });

  const keys = formats.map((f) => VALUE_KEYS[f.type]);
  for (let i = 0; i < values.length && issues.length < 20; i++) {
    const set = values[i];
    if (set.length !== formats.length) {
      issues.push({ path: ['values', i], message: `a value set has ${set.length} entries for ${formats.length} formats` });
      continue;
    }
    for (let j = 0; j < set.length; j++) {
      const value = set[j] as Record<string, JsonDecimal | string> | null;
      if (value === null) continue;
      if (!(keys[j] in value)) {
        issues.push({ path: ['values', i, j], message: `expected a ${formats[j].type} value object ({"${keys[j]}": …})` });
        continue;
      }
      const sign = signIssue(formats[j], value[keys[j]] as JsonDecimal);
      if (sign) issues.push({ path: ['values', i, j], message: sign });
      if (formats[j].type === 'electric_supply_mix') {
        const ratio = (value.sm as JsonDecimal).toDecimal();
        if (ratio.lt(0) || ratio.gt(1)) issues.push({ path: ['values', i, j, 'sm'], message: 'sm is a ratio from 0 to 1' });
      }
    }
  }
  return issues;
}

/** §10.8.1 */
export const UsageSegment = z
  .strictObject({
    cds_usagesegment_id: id,
    ...cdsTimestamps,
    related_aggregations: idList,
    related_accounts: idList,
    related_servicecontracts: idList,
    related_servicepoints: idList,
    related_meterdevices: idList,
    related_billsections: idList,
    segment_start: datetime,
    segment_end: datetime,
    interval: decimal,
    formats: z.array(ValueFormat),
    values: z.array(ValueSet),
  })
  .superRefine(checkTimestamps)
  .superRefine((segment, ctx) => {
    for (const issue of structureIssues(segment)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .meta({ id: 'UsageSegment', description: 'cds-wg3-01 §10.8.1 Usage Segment' });
export type UsageSegment = z.infer<typeof UsageSegment>;
