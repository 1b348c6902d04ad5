import { z } from 'zod';

/** RFC 9110 §5.1 field name (a token) and §5.5 field value without CR, LF or NUL. */
const fieldName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not an HTTP field name');
const fieldValue = z.string().regex(/^[^\r\n\0]*$/, 'HTTP field values cannot hold CR, LF or NUL');

export const headerLinesSchema = z.array(z.tuple([fieldName, fieldValue]).readonly()).readonly();

/** The headers that go into the encrypted headers part, in order; a name may repeat. */
export type HeaderLines = z.infer<typeof headerLinesSchema>;

/**
 * The headers plaintext of the overview's scheme: `Name: value` lines joined by LF, no trailing LF
 * (encrypted as UTF-8, which the overview's snippet decodes).
 */
export function formatHeaderLines(lines: HeaderLines): string {
  return headerLinesSchema.parse(lines).map(([name, value]) => `${name}: ${value}`).join('\n');
}
