/**
 * Synthetic utility generation: time and peak memory for 1k / 10k / 100k accounts.
 *
 *   npx tsx bench/generator.ts            # all three sizes, each in a fresh process
 *   npx tsx bench/generator.ts 25000      # one size
 *
 * Each size runs in its own child process so its peak RSS is its own. Also reports the time to
 * compute one account's 25 months of statements and one meter's 15-minute history as ESPI-ready
 * readings, which happen lazily at request time.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { statementDetails } from '../legacy/generator/bills';
import { dayNumber } from '../legacy/generator/calendar';
import { generateUtility } from '../legacy/generator/generate';
import { dayReadings } from '../legacy/generator/usage';

const ASOF = '2026-06-30';

function child(accounts: number) {
  const t0 = performance.now();
  const u = generateUtility({ seed: 'bench', accounts, asOf: ASOF, timezone: 'America/Los_Angeles' });
  const ms = performance.now() - t0;
  const unique = (values: string[]) => new Set(values).size === values.length;
  const idsUnique = unique(u.cis.accounts.map((a) => a.ACCT_NO)) && unique(u.cis.servicePoints.map((s) => s.SP_NO))
    && unique(u.mdm.meters.map((m) => m.serialNumber)) && unique(u.cis.serviceAgreements.map((s) => s.SA_NO));
  const account = u.cis.accounts.find((a) => a.ACCT_CLASS_CD === 'RES' && a.ACCT_STAT_CD === 'A')!;
  const t1 = performance.now();
  const statements = statementDetails(u, account).length;
  const billMs = performance.now() - t1;
  const meter = u.mdm.meters.find((m) => m.intervalSeconds === 900)!;
  const t2 = performance.now();
  let readings = 0;
  for (let d = dayNumber(u.historyStart); d < dayNumber(u.asOf); d++) readings += dayReadings(u.calendar, u.loads.get(meter.meterId)!, 'forward', d).length;
  const readMs = performance.now() - t2;
  process.stdout.write(`${JSON.stringify({
    accounts: u.cis.accounts.length, customers: u.cis.customers.length, agreements: u.cis.serviceAgreements.length,
    servicePoints: u.cis.servicePoints.length, meters: u.mdm.meters.length, certificates: u.eac.certificates.length,
    ms: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
    idsUnique, statements, billMs: Math.round(billMs), readings, readMs: Math.round(readMs),
  })}\n`);
}

function parent(sizes: number[]) {
  const rows = sizes.map((n) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split('\n').pop()!);
  });
  console.log(`Synthetic utility generation (seed "bench", asOf ${ASOF}, America/Los_Angeles), Node ${process.version}\n`);
  console.log('| accounts | customers | agreements | service points | meters | certificates | generate | peak RSS | heap after | ids unique | 25 months of bills (1 account) | 15-min history (1 meter) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.accounts.toLocaleString('en')} | ${r.customers.toLocaleString('en')} | ${r.agreements.toLocaleString('en')} | ${r.servicePoints.toLocaleString('en')} | ${r.meters.toLocaleString('en')} | ${r.certificates.toLocaleString('en')} | ${(r.ms / 1000).toFixed(1)} s | ${r.peakRssMb} MB | ${r.heapMb} MB | ${r.idsUnique ? 'yes' : 'NO'} | ${r.statements} statements, ${r.billMs} ms | ${r.readings.toLocaleString('en')} readings, ${r.readMs} ms |`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') child(Number(args[1]));
else parent(args.length ? args.map(Number) : [1_000, 10_000, 100_000]);
