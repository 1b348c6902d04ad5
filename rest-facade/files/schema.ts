import { z } from 'zod';

/** A Server-Provided File's metadata as stored; its bytes are stored beside it. */
export const fileRecordSchema = z.object({
  file_id: z.string(),
  created: z.string(),
  modified: z.string(),
  mime_type: z.string(),
  size: z.number().int().min(0),
  name: z.string(),
  description: z.string(),
});
export type FileRecord = z.infer<typeof fileRecordSchema>;

const datetime = z.iso.datetime({ offset: true });

/** The Server-Provided File object of cds-wg1-02 §9.1 (every field REQUIRED). */
export const fileObjectSchema = z.looseObject({
  file_id: z.string(),
  uri: z.url(),
  created: datetime,
  modified: datetime,
  mime_type: z.string(),
  size: z.number().int().min(0),
  name: z.string(),
  description: z.string(),
  download_uri: z.url(),
});
export type FileObject = z.infer<typeof fileObjectSchema>;

export const fileListingSchema = z.object({
  files: z.array(fileObjectSchema),
  next: z.url().nullable(),
  previous: z.url().nullable(),
});
