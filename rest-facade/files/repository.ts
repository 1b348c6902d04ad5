import type { Store } from '../store';
import { isoAt, type Clock } from '../registration/clock';
import { newId } from '../registration/ids';
import { indexMember, memoryIndex, pageOf, storeIndex, type Cursor, type Page } from '../registration/keyset';
import type { Wg1Urls } from '../metadata/urls';
import { fileRecordSchema, type FileObject, type FileRecord } from './schema';

const ALL = 'wg1:files:all';

export function renderFile(file: FileRecord, urls: Wg1Urls): FileObject {
  return {
    file_id: file.file_id,
    uri: urls.file(file.file_id),
    created: file.created,
    modified: file.modified,
    mime_type: file.mime_type,
    size: file.size,
    name: file.name,
    description: file.description,
    download_uri: urls.fileDownload(file.file_id),
  };
}

/**
 * Server-Provided Files (§9): the operator's files. Which Client sees which file is decided by the
 * `file_id` entries of that Client's Server-Provided Files Grants, not here.
 */
export class FileRepository {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  private key(id: string) {
    return `wg1:file:${id}`;
  }

  private member(file: FileRecord) {
    return indexMember(file.modified, file.file_id);
  }

  async create(input: { name: string; mime_type: string; description?: string; data: Buffer }): Promise<FileRecord> {
    const now = isoAt(this.clock());
    const file: FileRecord = {
      file_id: newId(),
      created: now,
      modified: now,
      mime_type: input.mime_type,
      size: input.data.length,
      name: input.name,
      description: input.description ?? '',
    };
    await this.store.atomically([
      { op: 'set', key: `${this.key(file.file_id)}:data`, value: input.data.toString('base64') },
      { op: 'set', key: this.key(file.file_id), value: JSON.stringify(file) },
      { op: 'zadd', key: ALL, score: 0, member: this.member(file) },
    ]);
    return file;
  }

  async get(fileId: string): Promise<FileRecord | null> {
    const raw = await this.store.get(this.key(fileId));
    if (raw === null) return null;
    const parsed = fileRecordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  async getMany(fileIds: string[]): Promise<(FileRecord | null)[]> {
    if (fileIds.length === 0) return [];
    const raws = await this.store.mget(fileIds.map((id) => this.key(id)));
    return raws.map((raw) => {
      if (raw === null) return null;
      const parsed = fileRecordSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    });
  }

  async data(fileId: string): Promise<Buffer | null> {
    const raw = await this.store.get(`${this.key(fileId)}:data`);
    return raw === null ? null : Buffer.from(raw, 'base64');
  }

  /** Every file (for the operator), newest first. */
  listAll(cursor: Cursor | null, limit: number): Promise<Page<FileRecord>> {
    return pageOf({
      source: storeIndex(this.store, ALL),
      cursor,
      limit,
      member: (f) => this.member(f),
      load: (members) => this.getMany(members.map((m) => m.slice(m.indexOf('|') + 1))),
    });
  }

  /** §9.2: only the files a token's Grant names, newest `modified` first. */
  async listAmong(fileIds: string[], cursor: Cursor | null, limit: number): Promise<Page<FileRecord>> {
    const files = (await this.getMany([...new Set(fileIds)])).filter((f): f is FileRecord => f !== null);
    const byMember = new Map(files.map((f) => [this.member(f), f]));
    return pageOf({
      source: memoryIndex([...byMember.keys()]),
      cursor,
      limit,
      member: (f) => this.member(f),
      load: async (members) => members.map((m) => byMember.get(m) ?? null),
    });
  }
}
