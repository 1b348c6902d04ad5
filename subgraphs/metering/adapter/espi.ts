import { XMLParser } from 'fast-xml-parser';
import { ExactDecimal } from '../../shared/decimal';

// Green Button ESPI Atom feeds (NAESB REQ.21) → usage points, channels and interval readings.
// Entries are tied together by their Atom links (self / up / related), the way ESPI defines them,
// so feeds from any Data Custodian parse alike, whatever their namespace prefixes.

export interface EspiReading {
  /** Start of the interval, epoch milliseconds (ESPI gives seconds, possibly fractional). */
  start: number;
  /** Duration in seconds. */
  duration: number;
  /** Value exactly as the feed writes it (an integer in `uom` × 10^powerOfTenMultiplier). */
  value: string;
  /** Cost in hundred-thousandths of the currency, when the feed carries it. */
  cost: string | null;
  /** ReadingQuality code; null when none is given (the ReadingType's `defaultQuality` applies). */
  quality: number | null;
  /** ESPI `tou` (the Data Custodian's TOU bucket, 0 = none) and `consumptionTier`, when given. */
  tou: number | null;
  consumptionTier: number | null;
}

export interface EspiReadingType {
  uom: number | null;
  powerOfTenMultiplier: number;
  flowDirection: number | null;
  commodity: number | null;
  kind: number | null;
  intervalLength: number | null;
  currency: number | null;
  accumulationBehaviour: number | null;
  dataQualifier: number | null;
  defaultQuality: number | null;
  timeAttribute: number | null;
  consumptionTier: number | null;
}

const NO_READING_TYPE: EspiReadingType = {
  uom: null, powerOfTenMultiplier: 0, flowDirection: null, commodity: null, kind: null, intervalLength: null, currency: null,
  accumulationBehaviour: null, dataQualifier: null, defaultQuality: null, timeAttribute: null, consumptionTier: null,
};

export interface EspiBlock {
  /** Atom `published` / `updated` of the IntervalBlock entry, when present. */
  published: string | null;
  updated: string | null;
  readings: EspiReading[];
}

export interface EspiChannel {
  /** The MeterReading's self link. */
  href: string;
  /** The MeterReading entry's Atom title (e.g. a register's identifier). */
  title: string | null;
  readingType: EspiReadingType;
  blocks: EspiBlock[];
}

export interface EspiUsagePoint {
  href: string;
  /** Last path segment of the self link: the usage point id. */
  id: string;
  title: string | null;
  serviceKind: number | null;
  channels: EspiChannel[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  // Numbers stay strings: values and costs must never pass through a float.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['entry', 'link', 'IntervalBlock', 'IntervalReading', 'ReadingQuality'].includes(name),
});

type Node = Record<string, unknown>;

const text = (v: unknown): string | null => {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'object') return text((v as Node)['#text']);
  return String(v);
};
const int = (v: unknown): number | null => {
  const t = text(v);
  return t === null || !/^-?\d+$/.test(t) ? null : Number(t);
};

function links(entry: Node): { rel: string; href: string }[] {
  return ((entry.link as Node[] | undefined) ?? []).map((l) => ({ rel: String(l.rel ?? ''), href: String(l.href ?? '') }));
}
const link = (entry: Node, rel: string) => links(entry).find((l) => l.rel === rel)?.href ?? null;

/** Epoch seconds (integer or decimal text) → epoch milliseconds, exactly to the millisecond. */
function epochMs(seconds: unknown): number {
  const t = text(seconds);
  if (t === null || !/^-?\d+(\.\d+)?$/.test(t)) throw new Error(`bad ESPI time: ${String(t)}`);
  // Whole seconds (the common case) are exact as numbers; fractions go through decimal arithmetic.
  if (!t.includes('.') && t.length <= 15) return Number(t) * 1000;
  return new ExactDecimal(t).times(1000).toDecimalPlaces(0, ExactDecimal.ROUND_HALF_UP).toNumber();
}

/**
 * IntervalBlocks are most of a feed (a year of quarter hours is 35,040 readings per channel), so
 * their IntervalReadings are read by a small scanner and only the rest of the document by the XML
 * parser: an IntervalReading holds flat elements with numeric text (`cost`, `ReadingQuality/quality`,
 * `timePeriod/duration`, `timePeriod/start`, `value`, `consumptionTier`, `tou`, `cpp`).
 */
const BLOCK = /<((?:[\w.-]+:)?)IntervalBlock(\s[^>]*)?>([\s\S]*?)<\/\1IntervalBlock>/g;
const READING = /<(?:[\w.-]+:)?IntervalReading(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?IntervalReading>/g;
/** Leaf elements of a reading: `<name>text<` (namespace prefix dropped); containers like `timePeriod` have no text. */
const LEAF = /<(?:[\w.-]+:)?(\w+)(?:\s[^>]*)?>([^<]*)(?=<)/g;

function scanReadings(inner: string): EspiReading[] {
  return [...inner.matchAll(READING)].map(([, body]) => {
    const found: Record<string, string> = {};
    const qualities: number[] = [];
    for (const [, name, raw] of body.matchAll(LEAF)) {
      const t = raw.trim();
      if (t === '') continue;
      if (name === 'quality') qualities.push(int(t) ?? -1);
      else found[name] ??= t;
    }
    const value = found.value ?? null;
    if (value === null || !/^-?\d+(\.\d+)?$/.test(value)) throw new Error('IntervalReading without a numeric value');
    const known = qualities.filter((q) => q >= 0);
    return {
      start: epochMs(found.start),
      duration: int(found.duration) ?? 0,
      value,
      cost: found.cost ?? null,
      // A reading may list several codes: the first one saying more than "valid" wins.
      quality: known.find((q) => q !== 0) ?? known[0] ?? null,
      tou: int(found.tou),
      consumptionTier: int(found.consumptionTier),
    };
  });
}

/** The document with each IntervalBlock's readings scanned and replaced by a reference to them. */
function withScannedBlocks(xml: string): { xml: string; scanned: EspiReading[][] } {
  const scanned: EspiReading[][] = [];
  const light = xml.replace(BLOCK, (_all, prefix: string, attributes: string | undefined, inner: string) => {
    scanned.push(scanReadings(inner));
    return `<${prefix}IntervalBlock${attributes ?? ''}><${prefix}scanned>${scanned.length - 1}</${prefix}scanned></${prefix}IntervalBlock>`;
  });
  return { xml: light, scanned };
}

/** Parses one ESPI feed; throws on a document that is not an Atom feed. */
export function parseEspiFeed(source: string): EspiUsagePoint[] {
  const { xml, scanned } = withScannedBlocks(source);
  const doc = parser.parse(xml) as Node;
  const feed = doc.feed as Node | undefined;
  if (!feed) throw new Error('not an Atom feed');
  const entries = (feed.entry as Node[] | undefined) ?? [];
  const content = (entry: Node) => (entry.content ?? {}) as Node;

  const readingTypes = new Map<string, EspiReadingType>();
  const usagePoints: EspiUsagePoint[] = [];
  const meterReadings: { entry: Node; href: string; up: string | null }[] = [];
  const blocks: { entry: Node; up: string | null }[] = [];
  for (const entry of entries) {
    const c = content(entry);
    const self = link(entry, 'self') ?? '';
    if (c.ReadingType) {
      const rt = c.ReadingType as Node;
      readingTypes.set(self, {
        uom: int(rt.uom), powerOfTenMultiplier: int(rt.powerOfTenMultiplier) ?? 0, flowDirection: int(rt.flowDirection),
        commodity: int(rt.commodity), kind: int(rt.kind), intervalLength: int(rt.intervalLength), currency: int(rt.currency),
        accumulationBehaviour: int(rt.accumulationBehaviour), dataQualifier: int(rt.dataQualifier), defaultQuality: int(rt.defaultQuality),
        timeAttribute: int(rt.timeAttribute), consumptionTier: int(rt.consumptionTier),
      });
    } else if (c.UsagePoint !== undefined) {
      const up = (c.UsagePoint || {}) as Node;
      usagePoints.push({
        href: self, id: self.split('/').pop() ?? self, title: text(entry.title),
        serviceKind: int((up.ServiceCategory as Node | undefined)?.kind), channels: [],
      });
    } else if (c.MeterReading !== undefined) {
      meterReadings.push({ entry, href: self, up: link(entry, 'up') });
    } else if (c.IntervalBlock !== undefined) {
      for (const block of c.IntervalBlock as Node[]) blocks.push({ entry: { ...entry, block }, up: link(entry, 'up') });
    }
  }
  for (const mr of meterReadings) {
    const rtHref = links(mr.entry).find((l) => l.rel === 'related' && /\/ReadingType\//.test(l.href))?.href;
    const channel: EspiChannel = {
      href: mr.href,
      title: text(mr.entry.title),
      readingType: (rtHref && readingTypes.get(rtHref)) || NO_READING_TYPE,
      blocks: blocks
        .filter((b) => b.up === `${mr.href}/IntervalBlock`)
        .map((b) => ({
          published: text(b.entry.published),
          updated: text(b.entry.updated),
          readings: scanned[int((b.entry.block as Node).scanned) ?? -1] ?? [],
        })),
    };
    const owner = usagePoints.find((u) => mr.up === `${u.href}/MeterReading`) ?? usagePoints[0];
    owner?.channels.push(channel);
  }
  return usagePoints;
}
