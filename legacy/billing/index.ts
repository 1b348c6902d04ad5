/** The billing simulator (statements, sections, usage determinants, line items, statement PDFs). */
export { startBillingSimulator, billingError } from './server';
export { renderPdf, statementLines } from './pdf';
export type * from './records';
