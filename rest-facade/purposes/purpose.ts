import { z } from 'zod';

/**
 * The Purpose object (cds-wg3-01 §8.3): a disclosure a Client shows the Customer on the authorization
 * form (§7.4.4, §9.2.2.4). Unknown members are dropped: Clients ignore them and the Server has none.
 */

const hasText = (s: string) => /\S/.test(s);

export const purposeSchema = z.object({
  id: z.string(),
  name: z.string(),
  content: z.string().refine(hasText, 'content needs at least one non-whitespace character'),
  related_uri: z.url().nullable(),
  related_name: z.string().nullable().optional(),
  scopes_supported: z.array(z.string()),
}).superRefine((p, ctx) => {
  if (p.related_uri === null) return;
  if (typeof p.related_name !== 'string' || !hasText(p.related_name) || /[\r\n]/.test(p.related_name)) {
    ctx.addIssue({
      code: 'custom', path: ['related_name'],
      message: 'related_name is required with related_uri: non-blank, on one line',
    });
  }
});

export type Purpose = z.infer<typeof purposeSchema>;

/** The Client object's `cds_purposes` (§8.1): Purposes keyed by their `id`. */
export type PurposeMap = Record<string, Purpose>;

/**
 * The registration field formats of §5.1: `purposes` is one or more Purposes whose `id` is `""`
 * and `scopes_supported` is `[]` (the Server assigns both); `purposes_or_null` also allows `null`.
 */
const submittedPurposeSchema = z.object({
  ...purposeSchema.shape,
  id: z.literal('', { error: 'a submitted Purpose has id ""' }),
  scopes_supported: z.array(z.string()).length(0, 'a submitted Purpose has scopes_supported []'),
}).superRefine((p, ctx) => {
  const checked = purposeSchema.safeParse(p);
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
});

export const purposesFormat = z.array(submittedPurposeSchema).min(1, 'at least one Purpose');
export const purposesOrNullFormat = purposesFormat.nullable();

/** A readable one-line summary of a zod error, for `error_description`. */
export function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues.map((i) => `${[prefix, ...i.path].join('.')}: ${i.message}`).join('; ');
}
