import { z } from 'zod';

/** The spec's page size ("more than 100 … MAY truncate", cds-wg3-01 §10.x listings); also the cap. */
export const MAX_PAGE_SIZE = 100;

/**
 * The two URL parameters pagination adds to a listing (an extension, cds-wg3-01 §11.5): the opaque
 * `cursor` of a `next`/`previous` link, and `limit` to ask for smaller pages. Spread into a
 * listing's query schema so the OpenAPI document and the strict parameter check know them.
 */
export const pageParams = {
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .meta({ description: 'Opaque position from a `next` or `previous` link; do not build it yourself.' }),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, 'limit must be an integer from 1 to 100')
    .transform(Number)
    .pipe(z.number().max(MAX_PAGE_SIZE, 'limit must be an integer from 1 to 100'))
    .optional()
    .meta({ description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${MAX_PAGE_SIZE}).` }),
};

/** Parameters that move through a listing without changing which rows it lists. */
export const PAGE_PARAM_NAMES = new Set(Object.keys(pageParams));
