import { ExactDecimal as Decimal } from '../../subgraphs/shared';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { startGraphStack, type GraphStack } from './stack';

// Every real Green Button file goes through the MDM simulator and the metering subgraph (via the
// gateway): the readings that come out are exactly the ones the XML holds, in count and in sum.

const dir = loadConfig({}).config.GREENBUTTON_DIR;
const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();

/** What the file holds, read with nothing but a regular expression (independent of both parsers). */
function xmlTruth(xml: string) {
  const readings = [...xml.matchAll(/<(?:\w+:)?IntervalReading>([\s\S]*?)<\/(?:\w+:)?IntervalReading>/g)];
  const multiplier = Number(/<(?:\w+:)?powerOfTenMultiplier>(-?\d+)</.exec(xml)?.[1] ?? 0);
  const sum = readings.reduce((acc, [, body]) => acc.plus(/<(?:\w+:)?value>(-?\d+)<\/(?:\w+:)?value>/.exec(body)![1]), new Decimal(0));
  return { count: readings.length, sum: sum.times(new Decimal(10).pow(multiplier)).toFixed() };
}

const SEGMENTS = `query($f: UsageSegmentFilter!, $after: String) {
  usageSegments(filter: $f, first: 100, after: $after) {
    nodes { id interval formats { type ... on ElectricUsageFormat { units } ... on VolumeUsageFormat { units } }
      values { ... on ElectricUsageValue { eu } ... on NaturalGasUsageValue { gu } ... on WaterUsageValue { wu } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let stack: GraphStack;
beforeAll(async () => {
  stack = await startGraphStack({ accounts: 40, greenButtonDir: dir });
});
afterAll(() => stack?.close());

describe('Green Button samples through the MDM and the metering subgraph', () => {
  it('finds the sample files', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s: every reading, exact values', async (file) => {
    const truth = xmlTruth(readFileSync(join(dir, file), 'utf8'));
    const meter = stack.utility.mdm.meters.find((m) => m.serialNumber === `GB-${basename(file, '.xml')}`);
    expect(meter, 'the MDM serves the file as a meter').toBeDefined();
    let count = 0;
    let sum = new Decimal(0);
    const ids = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const { data, errors }: { data?: any; errors?: unknown[] } = await stack.query(SEGMENTS, { f: { meterDeviceIds: [meter!.meterId] }, after });
      expect(errors).toBeUndefined();
      for (const segment of data.usageSegments.nodes) {
        expect(ids.has(segment.id), `segment ${segment.id} seen twice`).toBe(false);
        ids.add(segment.id);
        expect(segment.formats[0].units).toBe(meter!.commodity === 'ELECTRIC' ? 'Wh' : meter!.commodity === 'GAS' ? 'scf' : 'gal');
        for (const set of segment.values) {
          const value = set[0];
          if (!value) continue;
          count++;
          sum = sum.plus(value.eu ?? value.gu ?? value.wu);
        }
      }
      if (!data.usageSegments.pageInfo.hasNextPage) break;
      after = data.usageSegments.pageInfo.endCursor;
    }
    expect({ count, sum: sum.toFixed() }).toEqual(truth);
  });
});
