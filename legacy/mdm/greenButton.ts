import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CisServiceAgreement, CisServicePoint, SvcTypeCd } from '../cis/records';
import { addDays, dateOf, isoInstant } from '../generator/calendar';
import type { GreenButtonBlock, GreenButtonSeries, Utility } from '../generator/utility';
import type { MdmMeter } from './records';
import { child, children, parseXml, textOf, type XmlElement } from './xml';

/**
 * Real Green Button ESPI files served by the MDM as extra meters, readings unchanged.
 *
 * Each file becomes one meter (serial `GB-<file name without .xml>`) at its own service point under
 * a closed service agreement of the `greenbutton` test customer's account, installed over the
 * file's reading period: the household's earlier homes. These agreements are not billed.
 */

export function parseGreenButton(file: string, xml: string): GreenButtonSeries {
  const feed = parseXml(xml).children.find((c) => c.name === 'feed');
  if (!feed) throw new Error(`${file}: not an Atom feed`);
  // An entry's content usually holds one resource; some feeds put several IntervalBlocks in one entry.
  const contents = children(feed, 'entry').flatMap((e) => (child(e, 'content')?.children ?? []).map((content) => ({ entry: e, content })));
  const find = (name: string) => contents.find((c) => c.content?.name === name);
  const pairs = (el: XmlElement | undefined): [string, string][] =>
    (el?.children ?? []).filter((c) => !c.children.length).map((c) => [c.name, textOf(c)]);
  const usagePoint = find('UsagePoint');
  const blocks: GreenButtonBlock[] = [];
  for (const { content } of contents) {
    if (content.name !== 'IntervalBlock') continue;
    const interval = child(content, 'interval');
    blocks.push({
      start: textOf(child(interval!, 'start')),
      duration: textOf(child(interval!, 'duration')),
      readings: children(content, 'IntervalReading').map((r) => {
        const period = child(r, 'timePeriod');
        return {
          start: textOf(child(period!, 'start')),
          duration: textOf(child(period!, 'duration')),
          value: textOf(child(r, 'value')),
          cost: child(r, 'cost') ? textOf(child(r, 'cost')) : null,
          quality: child(r, 'ReadingQuality') ? textOf(child(child(r, 'ReadingQuality')!, 'quality')) : null,
        };
      }),
    });
  }
  return {
    file: basename(file),
    title: textOf(child(usagePoint?.entry ?? feed, 'title')) || basename(file, '.xml'),
    serviceKind: textOf(child(child(usagePoint?.content ?? feed, 'ServiceCategory') ?? feed, 'kind')),
    readingType: pairs(find('ReadingType')?.content),
    localTime: pairs(find('LocalTimeParameters')?.content),
    blocks,
  };
}

export function loadGreenButtonDir(dir: string): GreenButtonSeries[] {
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.xml'))
    .sort()
    .map((f) => parseGreenButton(f, readFileSync(join(dir, f), 'utf8')));
}

function serviceOf(series: GreenButtonSeries): SvcTypeCd {
  const uom = series.readingType.find(([k]) => k === 'uom')?.[1];
  if (series.serviceKind === '1' || uom === '169' || uom === '119' || /gas/i.test(series.file)) return 'G';
  if (series.serviceKind === '2' || uom === '128') return 'W';
  return 'E';
}

/** Seconds of the reading period [first start, last end), whole file. */
function span(series: GreenButtonSeries): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of series.blocks) {
    for (const r of b.readings) {
      const s = Number(r.start);
      lo = Math.min(lo, s);
      hi = Math.max(hi, s + Number(r.duration));
    }
  }
  return Number.isFinite(lo) ? [Math.floor(lo), Math.ceil(hi)] : null;
}

/** Attaches the files to the `greenbutton` test customer's account; returns the meters created. */
export function attachGreenButton(u: Utility, files: GreenButtonSeries[]): MdmMeter[] {
  const role = u.testCustomers.find((t) => t.key === 'greenbutton');
  if (!role || !files.length) return [];
  const account = u.index.accountsByCustomer.get(role.CUST_ID)[0];
  const home = u.index.servicePoint.get(u.index.agreementsByAccount.get(account.ACCT_ID)[0].SP_ID)!;
  const meters: MdmMeter[] = [];
  for (const series of files) {
    const svc = serviceOf(series);
    const [from, to] = span(series) ?? [u.horizon - 86400, u.horizon];
    const startDate = dateOf(u.calendar.dayAt(from));
    const endDate = dateOf(u.calendar.dayAt(Math.max(from, to - 1)));
    const stem = basename(series.file, '.xml');
    const seq = u.counters.servicePoint++;
    const stamp = isoInstant(Math.min(from, u.horizon - 3600));
    const premSeq = u.counters.premise++;
    const address = series.title.replace(/,\s*$/, '');
    const sp: CisServicePoint = {
      ...home,
      PREMISES: [{ PREM_ID: u.ids.premiseId(premSeq), PREM_NO: u.ids.premiseNo(premSeq), PREM_TYPE_CD: 'BLDG', PREM_ADDR: address, POSTAL: home.POSTAL, BLDG_GRP_ID: null }],
      SP_ID: u.ids.servicePointId(seq), SP_NO: u.ids.servicePointNo(seq), SP_TYPE_CD: svc, ADDR_FMT_CD: 'NONSTD',
      ADDR_LINE1: address, ADDR_LINE2: `Green Button sample ${stem}`, GEO_LAT: null, GEO_LONG: null,
      CUR_SA_IDS: [], PREV_SA_IDS: [], CRE_DTTM: stamp, UPD_DTTM: isoInstant(Math.min(to, u.horizon - 3600)),
    };
    const saSeq = u.counters.agreement++;
    const sa: CisServiceAgreement = {
      SA_ID: u.ids.agreementId(saSeq), SA_NO: u.ids.agreementNo(saSeq), ACCT_ID: account.ACCT_ID, ACCT_NO: account.ACCT_NO, SP_ID: sp.SP_ID,
      SA_TYPE_CD: svc === 'E' ? 'E-RES' : svc === 'G' ? 'G-RES' : 'W-RES', SVC_TYPE_CD: svc, SVC_ROLE_CDS: ['DIST', 'SUPP'],
      CUST_CLASS_CD: 'RES', METERED_FLG: 'Y', SA_STAT_CD: '60', BILL_CYC_CD: 'M', START_DT: startDate, END_DT: endDate,
      ENTITY_ID: svc === 'W' ? 'ENT-MWD' : 'ENT-EGE', RATE_CD: svc === 'E' ? 'E-1' : svc === 'G' ? 'G-1' : 'W-RES',
      RATE_HIST: [{ RATE_CD: svc === 'E' ? 'E-1' : svc === 'G' ? 'G-1' : 'W-RES', EFF_DT: startDate }], PROGRAMS: [],
      CRE_DTTM: stamp, UPD_DTTM: sp.UPD_DTTM,
    };
    sp.PREV_SA_IDS.push(sa.SA_ID);
    const mseq = u.counters.meter++;
    const interval = series.readingType.find(([k]) => k === 'intervalLength')?.[1];
    const meter: MdmMeter = {
      meterId: u.ids.meterId(mseq), serialNumber: `GB-${stem}`,
      commodity: svc === 'E' ? 'ELECTRIC' : svc === 'G' ? 'GAS' : 'WATER', technology: 'AMI', physical: true,
      flow: series.readingType.some(([k, v]) => k === 'flowDirection' && v === '19') ? 'BIDIRECTIONAL' : 'FORWARD',
      measures: svc === 'E' ? ['ENERGY'] : ['VOLUME'], wifi: 'NONE', zigbee: 'NONE', centralApps: false, customerApps: false, apps: [],
      installs: [{
        installId: u.ids.installId(u.counters.install++), servicePointId: sp.SP_ID,
        installedAt: isoInstant(u.calendar.startOf(startDate)), removedAt: isoInstant(u.calendar.startOf(addDays(endDate, 1))),
        reason: 'GREENBUTTON_IMPORT',
      }],
      usagePointId: u.ids.usagePointId(mseq),
      intervalSeconds: Number(interval ?? series.blocks[0]?.readings[0]?.duration ?? 86400),
      source: 'GREENBUTTON', createdAt: stamp, updatedAt: sp.UPD_DTTM,
    };
    u.cis.servicePoints.push(sp);
    u.index.addServicePoint(sp);
    u.cis.serviceAgreements.push(sa);
    u.index.addAgreement(sa);
    u.mdm.meters.push(meter);
    u.index.addMeter(meter);
    u.greenButton.set(meter.meterId, series);
    meters.push(meter);
  }
  u.version++;
  return meters;
}
