import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config';
import { ExactDecimal } from '../../shared';
import { parseEspiFeed } from './espi';

const dir = loadConfig({}).config.GREENBUTTON_DIR;

describe('ESPI feed parser', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.xml')))('reads every IntervalReading of %s as exact strings', (file) => {
    const xml = readFileSync(join(dir, file), 'utf8');
    const [point] = parseEspiFeed(xml);
    const readings = point.channels.flatMap((c) => c.blocks.flatMap((b) => b.readings));
    const values = [...xml.matchAll(/<(?:\w+:)?IntervalReading>[\s\S]*?<(?:\w+:)?value>(-?\d+)</g)].map((m) => m[1]);
    expect(readings.map((r) => r.value)).toEqual(values);
    expect(readings.every((r) => r.duration > 0 && Number.isInteger(r.start))).toBe(true);
  });

  it('ties entries together by their links: channels, reading types and blocks of several usage points', () => {
    const up = (id: string, flow: number, value: string) => `
      <entry><link rel="self" href="/espi/UsagePoint/${id}"/><title>${id}</title>
        <content><UsagePoint><ServiceCategory><kind>0</kind></ServiceCategory></UsagePoint></content></entry>
      <entry><link rel="self" href="/espi/UsagePoint/${id}/MeterReading/01"/><link rel="up" href="/espi/UsagePoint/${id}/MeterReading"/>
        <link rel="related" href="/espi/ReadingType/${id}-01"/><content><MeterReading/></content></entry>
      <entry><link rel="self" href="/espi/ReadingType/${id}-01"/>
        <content><ReadingType><flowDirection>${flow}</flowDirection><powerOfTenMultiplier>-3</powerOfTenMultiplier><uom>72</uom></ReadingType></content></entry>
      <entry><link rel="self" href="/espi/UsagePoint/${id}/MeterReading/01/IntervalBlock/1"/><link rel="up" href="/espi/UsagePoint/${id}/MeterReading/01/IntervalBlock"/>
        <content><IntervalBlock><interval><duration>900</duration><start>1700000000</start></interval>
          <IntervalReading><timePeriod><duration>900</duration><start>1700000000.5</start></timePeriod><value>${value}</value>
          <ReadingQuality><quality>8</quality></ReadingQuality></IntervalReading></IntervalBlock></content></entry>`;
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${up('A', 1, '123456789012345678901234567890')}${up('B', 19, '5')}</feed>`;
    const points = parseEspiFeed(xml);
    expect(points.map((p) => [p.id, p.channels.length, p.channels[0].readingType.flowDirection])).toEqual([['A', 1, 1], ['B', 1, 19]]);
    const reading = points[0].channels[0].blocks[0].readings[0];
    expect(reading).toEqual({ start: 1700000000500, duration: 900, value: '123456789012345678901234567890', cost: null, quality: 8, tou: null, consumptionTier: null });
    expect(new ExactDecimal(reading.value).times(new ExactDecimal(10).pow(-3)).toFixed()).toBe('123456789012345678901234567.89');
  });

  it('reads the MeterReading title, the ReadingType\'s accumulation, qualifier, default quality, period and tier, and each reading\'s tou and tier', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><link rel="self" href="/UsagePoint/U"/><content><UsagePoint/></content></entry>
      <entry><link rel="self" href="/UsagePoint/U/MeterReading/12"/><link rel="up" href="/UsagePoint/U/MeterReading"/>
        <link rel="related" href="/ReadingType/U-12"/><title>Billed tier 2</title><content><MeterReading/></content></entry>
      <entry><link rel="self" href="/ReadingType/U-12"/><content><ReadingType xmlns="http://naesb.org/espi"><accumulationBehaviour>4</accumulationBehaviour>
        <consumptionTier>2</consumptionTier><dataQualifier>12</dataQualifier><defaultQuality>19</defaultQuality><timeAttribute>8</timeAttribute><uom>72</uom></ReadingType></content></entry>
      <entry><link rel="self" href="/UsagePoint/U/MeterReading/12/IntervalBlock/1"/><link rel="up" href="/UsagePoint/U/MeterReading/12/IntervalBlock"/>
        <content><IntervalBlock xmlns="http://naesb.org/espi"><interval><duration>2592000</duration><start>1700000000</start></interval>
        <IntervalReading><ReadingQuality><quality>0</quality></ReadingQuality><timePeriod><duration>2592000</duration><start>1700000000</start></timePeriod>
        <value>42</value><consumptionTier>2</consumptionTier><tou>0</tou></IntervalReading></IntervalBlock></content></entry></feed>`;
    const [{ channels: [channel] }] = parseEspiFeed(xml);
    expect(channel.title).toBe('Billed tier 2');
    expect(channel.readingType).toMatchObject({ accumulationBehaviour: 4, consumptionTier: 2, dataQualifier: 12, defaultQuality: 19, timeAttribute: 8 });
    expect(channel.blocks[0].readings[0]).toMatchObject({ value: '42', quality: 0, tou: 0, consumptionTier: 2 });
  });

  it('refuses what is not an Atom feed', () => {
    expect(() => parseEspiFeed('<html><body>oops</body></html>')).toThrow(/not an Atom feed/);
  });
});
