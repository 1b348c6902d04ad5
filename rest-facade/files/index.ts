/**
 * Server-Provided Files (cds-wg1-02 §9).
 *
 *   new FileRepository(store, clock)
 *   files.create({ name, mime_type, description?, data }): Promise<FileRecord>
 *   files.get(fileId) / files.data(fileId) / files.listAmong(fileIds, cursor, limit)
 */
export { FileRepository, renderFile } from './repository';
export { fileListingSchema, fileObjectSchema, fileRecordSchema, type FileObject, type FileRecord } from './schema';
