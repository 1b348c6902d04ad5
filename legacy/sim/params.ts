import { z } from 'zod';

/**
 * Query-parameter parsing shared by the simulators: zod schemas for comma lists, dates and limits,
 * and one error type that each simulator renders as a 400 in its own error style.
 */

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

export const MAX_KEYS = 1000;

/** A comma-separated list (repeated parameters are joined), 1..1000 non-empty values. */
export const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v.join(',') : v).split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(200)).min(1, 'needs at least one value').max(MAX_KEYS, `at most ${MAX_KEYS} values`));

/** A parameter given once. */
export const single = z.string({ error: (issue) => (Array.isArray(issue.input) ? 'given more than once' : 'must be a string') });

export const limit = (max: number, fallback: number) =>
  single.regex(/^\d{1,4}$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(max)).default(fallback);

export const isoDate = single.pipe(z.iso.date('must be a date YYYY-MM-DD'));
export const compactDate = single.regex(/^\d{8}$/, 'must be a date YYYYMMDD').refine(
  (s) => !Number.isNaN(Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T00:00:00Z`))
    && new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T00:00:00Z`).toISOString().slice(0, 10).replaceAll('-', '') === s,
  'is not a calendar date',
);
export const isoDateTime = single.pipe(z.iso.datetime({ offset: true, error: 'must be an RFC 3339 date-time' }));

/** Parses a query (or body) with a strict schema; any problem becomes one readable 400. */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw badRequest(describe(parsed.error));
}

export function describe(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      if (i.code === 'unrecognized_keys') return `unknown parameter${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
      return i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message;
    })
    .join('; ');
}
