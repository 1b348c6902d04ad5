import { z } from 'zod';
import type { EacCertificate, EacFormat } from '../../legacy/eac/records';
import { badUserInput, type LegacyClient, type LegacyPageResult, type LegacyPosition } from '../shared';

export const eacCertificate = z.object({
  certificate_id: z.string(),
  serial_numbers: z.array(z.string()),
  generator_id: z.string(),
  vintage_start: z.string(),
  vintage_end: z.string(),
  quantity_wh: z.string(),
  quantity_mwh: z.string(),
  status: z.enum(['ACTIVE', 'RETIRED']),
  beneficiary_kind: z.enum(['CUSTOMER', 'ACCOUNT', 'CONTRACT', 'TARIFF', 'PROGRAM', 'GENERAL']),
  beneficiary_refs: z.array(z.string()),
  format_code: z.string(),
  data_path: z.string(),
  issued_at: z.string(),
  updated_at: z.string(),
}) satisfies z.ZodType<EacCertificate>;

const eacFormat = z.object({
  format_code: z.string(), name: z.string(), description: z.string(), documentation_url: z.string(),
}) satisfies z.ZodType<EacFormat>;

const page = z.object({
  data: z.array(eacCertificate),
  meta: z.object({ page: z.number().int(), per_page: z.number().int(), total_pages: z.number().int(), total_count: z.number().int() }),
});

/** Our cursor position over the registry's page numbers: `<page>:<per_page>`, so a resumed walk keeps its page size. */
const position = /^(\d{1,9}):(\d{1,3})$/;
const RANGE_PAGE = 100;

/** Registry query parameters (legacy/README.md); undefined ones are left out. */
export type Filters = Record<string, string | undefined>;

/** The EAC registry's JSON API (legacy/README.md, "EAC registry"): filters and page-number paging. */
export class EacRegistry {
  constructor(readonly http: LegacyClient) {}

  async certificates(filters: Filters, at: LegacyPosition): Promise<LegacyPageResult<EacCertificate> & { receivedAt: Date }> {
    let pageNo = 1;
    let perPage = at.limit;
    if (at.position) {
      const m = position.exec(at.position);
      if (!m) throw badUserInput('invalid cursor');
      pageNo = Number(m[1]);
      perPage = Number(m[2]);
    }
    const { body, receivedAt } = await this.page(filters, pageNo, perPage);
    const { total_pages: total } = body.meta;
    return {
      nodes: body.data,
      next: pageNo < total ? `${pageNo + 1}:${perPage}` : null,
      previous: pageNo > 1 ? `${pageNo - 1}:${perPage}` : null,
      receivedAt,
    };
  }

  /**
   * The matches from `offset` (0-based) to before `offset + count` (count ≤ 100), with how many
   * match in all: at most two registry pages of 100.
   */
  async range(filters: Filters, offset: number, count: number): Promise<{ nodes: EacCertificate[]; total: number; receivedAt: Date }> {
    const first = Math.floor(offset / RANGE_PAGE) + 1;
    const last = Math.floor((offset + Math.max(count, 1) - 1) / RANGE_PAGE) + 1;
    const pages = await Promise.all([first, ...(last > first ? [last] : [])].map((n) => this.page(filters, n, RANGE_PAGE)));
    const skip = offset - (first - 1) * RANGE_PAGE;
    return {
      nodes: pages.flatMap((p) => p.body.data).slice(skip, skip + count),
      total: pages[0].body.meta.total_count,
      receivedAt: pages[0].receivedAt,
    };
  }

  private page(filters: Filters, pageNo: number, perPage: number) {
    return this.http.getJson('/registry/v1/certificates', { ...filters, page: pageNo, per_page: perPage }, page);
  }

  async formats(): Promise<EacFormat[]> {
    return (await this.http.getJson('/registry/v1/formats', {}, z.object({ data: z.array(eacFormat) }))).body.data;
  }

  dataUrl(certificate: EacCertificate): string {
    return this.http.url(certificate.data_path.startsWith('/') ? certificate.data_path : `/registry/v1/certificates/${encodeURIComponent(certificate.certificate_id)}/data`);
  }
}
