import { z } from 'zod';
import { EAC_FORMAT } from '../generator/eacs';
import type { Utility } from '../generator/utility';
import { SortedView, type SortKey } from '../sim/keyset';
import { isoDateTime, list, notFound, parseParams, single } from '../sim/params';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../sim/server';
import type { EacCertificate, EacError, EacFormat, EacPage } from './records';

/** The EAC registry simulator: page-number paging, snake_case JSON (see legacy/README.md). */

const CODE: Record<number, string> = { 400: 'invalid_parameter', 404: 'not_found', 409: 'conflict', 500: 'internal_error', 503: 'unavailable' };

export function eacError(status: number, message: string): EacError {
  return { errors: [{ status: String(status), code: CODE[status] ?? 'error', detail: message }] };
}

export const EAC_FORMATS: EacFormat[] = [{
  format_code: EAC_FORMAT,
  name: 'EG&E renewable energy certificate record, version 1',
  description: 'JSON document with the certificate block, generator, vintage, quantity in MWh and retirement details.',
  documentation_url: 'https://ege.example/registry/formats/ege-rec-v1',
}];

const pageNumber = (max: number, fallback: number) =>
  single.regex(/^\d{1,6}$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(max)).default(fallback);

const query = z.object({
  certificate_id: list.optional(), serial: list.optional(), beneficiary: list.optional(),
  beneficiary_kind: list.pipe(z.array(z.enum(['CUSTOMER', 'ACCOUNT', 'CONTRACT', 'TARIFF', 'PROGRAM', 'GENERAL']))).optional(),
  generator_id: list.optional(), vintage_start_lte: isoDateTime.optional(), vintage_end_gte: isoDateTime.optional(),
  page: pageNumber(1_000_000, 1), per_page: pageNumber(100, 50),
}).strict();

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
/** vintage_start desc, issued_at desc, certificate_id asc. */
const order = (a: SortKey, b: SortKey) => cmp(b[0], a[0]) || cmp(b[1], a[1]) || cmp(a[2], b[2]);
const keyOf = (c: EacCertificate): SortKey => [c.vintage_start, c.issued_at, c.certificate_id];

export async function startEacSimulator(utility: Utility, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const view = new SortedView(() => utility.eac.certificates, () => utility.version, keyOf, order);
  const bySerial = new Map<string, EacCertificate>();
  const byBeneficiary = new Map<string, EacCertificate[]>();
  const byGenerator = new Map<string, EacCertificate[]>();
  const push = (m: Map<string, EacCertificate[]>, k: string, c: EacCertificate) => (m.get(k) ?? m.set(k, []).get(k)!).push(c);
  for (const c of utility.eac.certificates) {
    for (const s of c.serial_numbers) bySerial.set(s, c);
    for (const b of c.beneficiary_refs) push(byBeneficiary, b, c);
    push(byGenerator, c.generator_id, c);
  }
  view.rows();

  const certificates = (input: Record<string, unknown>): EacPage<EacCertificate> => {
    const q = parseParams(query, input);
    const sets = {
      certificate_id: q.certificate_id && new Set(q.certificate_id), serial: q.serial && new Set(q.serial),
      beneficiary: q.beneficiary && new Set(q.beneficiary), beneficiary_kind: q.beneficiary_kind && new Set<string>(q.beneficiary_kind),
      generator_id: q.generator_id && new Set(q.generator_id),
    };
    // Narrow by an index when an id-like filter is given; otherwise page the sorted registry.
    const candidates: readonly EacCertificate[] = q.certificate_id ? sorted(q.certificate_id.map((id) => utility.index.certificate.get(id)))
      : q.serial ? sorted(q.serial.map((s) => bySerial.get(s)))
      : q.beneficiary ? sorted(q.beneficiary.flatMap((b) => byBeneficiary.get(b) ?? []))
      : q.generator_id ? sorted(q.generator_id.flatMap((g) => byGenerator.get(g) ?? []))
      : view.rows();
    const lte = q.vintage_start_lte && new Date(q.vintage_start_lte).toISOString().replace('.000Z', 'Z');
    const gte = q.vintage_end_gte && new Date(q.vintage_end_gte).toISOString().replace('.000Z', 'Z');
    const filtered = candidates.filter((c) =>
      (!sets.certificate_id || sets.certificate_id.has(c.certificate_id))
      && (!sets.serial || c.serial_numbers.some((s) => sets.serial!.has(s)))
      && (!sets.beneficiary || c.beneficiary_refs.some((b) => sets.beneficiary!.has(b)))
      && (!sets.beneficiary_kind || sets.beneficiary_kind.has(c.beneficiary_kind))
      && (!sets.generator_id || sets.generator_id.has(c.generator_id))
      && (!lte || c.vintage_start <= lte) && (!gte || c.vintage_end >= gte));
    const start = (q.page - 1) * q.per_page;
    return {
      data: filtered.slice(start, start + q.per_page),
      meta: { page: q.page, per_page: q.per_page, total_pages: Math.ceil(filtered.length / q.per_page), total_count: filtered.length },
    };
  };

  const certificate = (id: string) => {
    const c = utility.index.certificate.get(id);
    if (!c) throw notFound(`no certificate ${id}`);
    return c;
  };

  return startSimulator({
    name: 'eac',
    utility,
    errorBody: eacError,
    routes: (r) => {
      r.get('/registry/v1/certificates', (req) => certificates(req.query as Record<string, unknown>));
      r.get('/registry/v1/certificates/:id', (req) => certificate(String(req.params.id)));
      r.get('/registry/v1/certificates/:id/data', (req) => {
        const c = certificate(String(req.params.id));
        const generator = utility.eac.generators.find((g) => g.generator_id === c.generator_id);
        return {
          format: c.format_code, certificate_id: c.certificate_id, serial_numbers: c.serial_numbers, generator,
          vintage: { start: c.vintage_start, end: c.vintage_end }, quantity_mwh: c.quantity_mwh, status: c.status,
          retirement: c.status === 'RETIRED' ? { beneficiary_kind: c.beneficiary_kind, beneficiary_refs: c.beneficiary_refs, retired_at: c.updated_at } : null,
        };
      });
      r.get('/registry/v1/generators', () => ({ data: utility.eac.generators }));
      r.get('/registry/v1/formats', () => ({ data: EAC_FORMATS }));
    },
  }, options);
}

function sorted(certs: (EacCertificate | undefined)[]): EacCertificate[] {
  return [...new Set(certs.filter((c): c is EacCertificate => !!c))].sort((a, b) => order(keyOf(a), keyOf(b)));
}
