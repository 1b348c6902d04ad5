import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../generator/calendar';
import { generateUtility } from '../generator/generate';
import { periodTotal } from '../generator/usage';
import type { RunningSimulator } from '../sim/server';
import { getJson, withQuery } from '../testing';
import type { EacCertificate } from './records';
import { startEacSimulator } from './server';

const u = generateUtility({ seed: 'eac-test', accounts: 200, asOf: '2026-01-20', timezone: 'America/Los_Angeles' });
let eac: RunningSimulator;
const url = (query: Record<string, string | number | undefined> = {}) => withQuery(`${eac.url}/registry/v1/certificates`, query);

beforeAll(async () => {
  eac = await startEacSimulator(u);
});
afterAll(() => eac?.close());

const order = (a: EacCertificate, b: EacCertificate) =>
  a.vintage_start > b.vintage_start || (a.vintage_start === b.vintage_start && (a.issued_at > b.issued_at || (a.issued_at === b.issued_at && a.certificate_id < b.certificate_id)));

describe('EAC registry', () => {
  it('pages every certificate by page number, newest vintage first', async () => {
    const first = await getJson(url({ per_page: 40 }));
    const { total_count, total_pages } = first.body.meta;
    expect(total_count).toBe(u.eac.certificates.length);
    const all: EacCertificate[] = [];
    for (let page = 1; page <= total_pages; page++) all.push(...(await getJson(url({ per_page: 40, page }))).body.data);
    expect(all).toHaveLength(total_count);
    for (let i = 1; i < all.length; i++) expect(order(all[i - 1], all[i])).toBe(true);
    expect((await getJson(url({ per_page: 40, page: total_pages + 1 }))).body.data).toEqual([]);
  });

  it('measures generation: a rooftop certificate holds the meter\'s received energy over its vintage', async () => {
    const cert = u.eac.certificates.find((c) => c.beneficiary_kind === 'ACCOUNT')!;
    const generator = (await getJson(`${eac.url}/registry/v1/generators`)).body.data.find((g: { generator_id: string }) => g.generator_id === cert.generator_id);
    const meter = u.index.metersBySp.get(generator.sp_id).find((m) => m.flow === 'BIDIRECTIONAL')!;
    const from = u.calendar.dayAt(Date.parse(cert.vintage_start) / 1000);
    const to = u.calendar.dayAt(Date.parse(cert.vintage_end) / 1000) - 1;
    expect(cert.quantity_wh).toBe(String(periodTotal(u.calendar, u.loads.get(meter.meterId)!, 'reverse', from, to)));
    expect(new Decimal(cert.quantity_wh).div(1e6).eq(cert.quantity_mwh)).toBe(true);
    expect(to - from).toBeGreaterThan(85);
    expect(dayNumber(u.asOf)).toBeGreaterThan(to);
  });

  it('filters by beneficiary, kind, serial number, id and vintage window', async () => {
    const retired = u.eac.certificates.find((c) => c.beneficiary_kind === 'CONTRACT')!;
    const byBeneficiary = (await getJson(url({ beneficiary: retired.beneficiary_refs[0] }))).body.data;
    expect(byBeneficiary.map((c: EacCertificate) => c.certificate_id)).toContain(retired.certificate_id);
    expect(byBeneficiary.every((c: EacCertificate) => c.beneficiary_refs.includes(retired.beneficiary_refs[0]))).toBe(true);
    const tariff = (await getJson(url({ beneficiary_kind: 'TARIFF', per_page: 100 }))).body;
    expect(tariff.data.every((c: EacCertificate) => c.beneficiary_kind === 'TARIFF' && c.beneficiary_refs[0] === 'E-GREEN')).toBe(true);
    expect(tariff.meta.total_count).toBe(u.eac.certificates.filter((c) => c.beneficiary_kind === 'TARIFF').length);
    expect((await getJson(url({ serial: retired.serial_numbers[0] }))).body.data).toEqual([retired]);
    expect((await getJson(url({ certificate_id: `${retired.certificate_id},nope` }))).body.data).toEqual([retired]);
    const window = (await getJson(url({ vintage_start_lte: '2025-06-01T00:00:00Z', vintage_end_gte: '2025-05-01T00:00:00-07:00', per_page: 100 }))).body.data;
    expect(window.length).toBeGreaterThan(0);
    expect(window.every((c: EacCertificate) => c.vintage_start <= '2025-06-01T00:00:00Z' && c.vintage_end >= '2025-05-01T07:00:00Z')).toBe(true);
  });

  it('serves a certificate and its data document in the published format', async () => {
    const cert = u.eac.certificates[0];
    expect((await getJson(`${eac.url}/registry/v1/certificates/${cert.certificate_id}`)).body).toEqual(cert);
    const data = (await getJson(`${eac.url}${cert.data_path}`)).body;
    expect(data.format).toBe(cert.format_code);
    expect(data.quantity_mwh).toBe(cert.quantity_mwh);
    const formats = (await getJson(`${eac.url}/registry/v1/formats`)).body.data;
    expect(formats.map((f: { format_code: string }) => f.format_code)).toEqual([cert.format_code]);
  });

  it.each([
    ['page 0', { page: 0 }, 400, /page/],
    ['per_page 101', { per_page: 101 }, 400, /per_page/],
    ['unknown kind', { beneficiary_kind: 'PLANET' }, 400, /beneficiary_kind/],
    ['not a date-time', { vintage_end_gte: '2025-01-01' }, 400, /vintage_end_gte/],
    ['unknown parameter', { sort: 'asc' }, 400, /unknown parameter/],
  ] as const)('%s → %i in the registry error style', async (_name, query, status, detail) => {
    const r = await getJson(url(query));
    expect(r.status).toBe(status);
    expect(r.body.errors[0]).toMatchObject({ status: String(status), code: 'invalid_parameter' });
    expect(r.body.errors[0].detail).toMatch(detail);
  });

  it('404 for an unknown certificate', async () => {
    const r = await getJson(`${eac.url}/registry/v1/certificates/CERT-nope`);
    expect(r.status).toBe(404);
    expect(r.body.errors[0].code).toBe('not_found');
  });
});
