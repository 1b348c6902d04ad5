import type { z } from 'zod';
import type { BillChargeRecord, BillStatementHeader } from '../../../legacy/billing/records';
import { keyList, resuming, type LegacyClient, type LegacyPageResult, type LegacyPosition } from '../../shared';
import type { BillSection } from '../types/billSection';
import type { BillStatement } from '../types/billStatement';
import { sectionExport, statementExport } from './schemas';
import { toBillSection, toBillStatement, type SectionParts } from './translate';

/** Key filters (at least one is required by the billing export) and date windows, as the export takes them. */
export type ExportQuery = Record<string, readonly string[] | string | undefined>;

/** The billing system's export API (legacy/README.md, "Billing"): flat records regrouped into objects. */
export class BillingClient {
  constructor(private readonly http: LegacyClient) {}

  pdfUrl(statementId: string): string {
    return this.http.url(`/billing/v1/statements/${encodeURIComponent(statementId)}/pdf`);
  }

  private query(q: ExportQuery, at: LegacyPosition): Record<string, string | number> {
    const out: Record<string, string | number> = { MAX: at.limit };
    for (const [name, value] of Object.entries(q)) {
      if (value === undefined) continue;
      out[name] = typeof value === 'string' ? value : keyList(value);
    }
    if (at.position) out.RESUME = at.position;
    return out;
  }

  private async fetch<S extends z.ZodType>(path: string, q: ExportQuery, at: LegacyPosition, schema: S) {
    return resuming(at, () => this.http.getJson(path, this.query(q, at), schema));
  }

  async statements(q: ExportQuery, at: LegacyPosition): Promise<LegacyPageResult<BillStatement>> {
    const { body, receivedAt } = await this.fetch('/billing/v1/statements', q, at, statementExport);
    const groups: { header: BillStatementHeader; charges: BillChargeRecord[] }[] = [];
    for (const record of body.RECORDS) {
      if (record.RT === 'H') groups.push({ header: record, charges: [] });
      else if (groups.length && groups[groups.length - 1].header.STMT_ID === record.STMT_ID) groups[groups.length - 1].charges.push(record);
    }
    return {
      nodes: groups.map((g) => toBillStatement(g.header, g.charges, (id) => this.pdfUrl(id), receivedAt)),
      next: body.RESUME,
      previous: body.BACK,
    };
  }

  async sections(q: ExportQuery, at: LegacyPosition): Promise<LegacyPageResult<BillSection>> {
    const { body, receivedAt } = await this.fetch('/billing/v1/sections', q, at, sectionExport);
    const groups: { header: z.infer<typeof sectionExport>['RECORDS'][number] & { RT: 'S' }; parts: SectionParts }[] = [];
    for (const record of body.RECORDS) {
      if (record.RT === 'S') {
        groups.push({ header: record, parts: { usage: [], costs: [], lines: [] } });
        continue;
      }
      const current = groups[groups.length - 1];
      if (!current || current.header.SECT_ID !== record.SECT_ID) continue;
      if (record.RT === 'U') current.parts.usage.push(record);
      else if (record.RT === 'T') current.parts.costs.push(record);
      else current.parts.lines.push(record);
    }
    return { nodes: groups.map((g) => toBillSection(g.header, g.parts, receivedAt)), next: body.RESUME, previous: body.BACK };
  }

  /** Every object matching the keys, following RESUME tokens (for joins and entity references). */
  async all<T>(page: (at: LegacyPosition) => Promise<LegacyPageResult<T>>): Promise<T[]> {
    const out: T[] = [];
    let position: string | null = null;
    do {
      const result = await page({ position, limit: 100 });
      out.push(...result.nodes);
      position = result.next;
    } while (position);
    return out;
  }
}
