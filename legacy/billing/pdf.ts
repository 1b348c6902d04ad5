import type { StatementDetail } from '../generator/bills';

/**
 * A small, valid single-font PDF (1.4) of a statement, written by hand: catalog, pages, one page per
 * 60 lines, Helvetica, and a cross-reference table with exact byte offsets.
 */

const LINES_PER_PAGE = 60;

const pdfText = (s: string) => s.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/[\\()]/g, (c) => `\\${c}`);
const date = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

export function statementLines(stmt: StatementDetail, utilityName: string): string[] {
  const h = stmt.header;
  const lines = [
    utilityName,
    `Statement ${h.STMT_ID}    Account ${h.ACCT_NO}`,
    `Statement date ${date(h.STMT_DT)}    Service period ${date(h.PER_FROM)} to ${date(h.PER_TO)}`,
    '',
    `Previous balance                ${h.PREV_BAL} ${h.CURR}`,
    `Payments received               ${h.PMT_RCVD}`,
    `Balance forward                 ${h.BAL_FWD}`,
    `Current charges                 ${h.CUR_CHG}`,
    `Amount due by ${date(h.DUE_DT)}       ${h.AMT_DUE}`,
  ];
  if (h.SHUTOFF_MIN) lines.push(`SHUTOFF NOTICE: pay at least ${h.SHUTOFF_MIN} by ${date(h.SHUTOFF_DT!)} to avoid disconnection`);
  lines.push('', 'Charges');
  for (const c of stmt.charges) lines.push(`  ${c.DESCR}${c.IN_DUE === 'N' ? ' (not included in amount due)' : ''}    ${c.AMT}`);
  for (const s of stmt.sections) {
    lines.push('', `${s.header.SECT_ID}  account ${s.header.ACCT_NO}  agreement ${s.header.SA_NO ?? '-'}  rate ${s.header.RATE_CD ?? '-'}  ${date(s.header.PER_FROM)} to ${date(s.header.PER_TO)}`);
    for (const u of s.usage) lines.push(`    ${u.DESCR}: ${u.QTY} ${u.UOM}`);
    for (const l of s.lines) lines.push(`    ${l.DESCR}${l.QTY !== null ? `  ${l.QTY} ${l.UOM}${l.RATE ? ` x ${l.RATE}` : ''}` : ''}    ${l.AMT}`);
    for (const t of s.costs) lines.push(`  ${t.DESCR}    ${t.AMT}`);
  }
  return lines;
}

export function renderPdf(lines: string[]): Buffer {
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PAGE) pages.push(lines.slice(i, i + LINES_PER_PAGE));
  if (!pages.length) pages.push(['']);
  const objects: string[] = [];
  const fontId = 3;
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[fontId] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((page, i) => {
    const content = ['BT', '/F1 9 Tf', '12 TL', '40 760 Td', ...page.map((l) => `(${pdfText(l)}) '`), 'ET'].join('\n');
    objects[pageIds[i]] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
    objects[pageIds[i] + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
