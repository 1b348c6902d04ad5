import { date, id, url } from './primitives';
import { z } from 'zod';

/**
 * The fields Account Programs (§10.1.8) and Service Programs (§10.2.5) share. The link and
 * participation fields MUST be omitted, never null, when they do not apply.
 */
export const programFields = {
  id,
  program_number: z.string().min(1),
  name: z.string(),
  description: z.string(),
  documentation: url,
  more_info: url.optional(),
  signup: url.optional(),
  settings: url.optional(),
  discontinue: url.optional(),
  participation_number: z.string().optional(),
  start: date.optional(),
  end: date.optional(),
};
