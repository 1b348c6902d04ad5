import { Router, type Request } from 'express';
import type { FacadeContext } from '../app';
import { HttpError, notFound } from '../errors';
import { grantAccess } from '../grants';
import { sendExactJson } from '../json';
import { PATHS } from '../metadata/urls';
import { listingBody, queryCursor, queryList } from '../registration/http';
import { ID_PATTERN } from '../registration/ids';
import { wg1Services, type Wg1Services } from '../registration/services';
import { SERVER_PROVIDED_FILES_TYPE } from '../scopes';
import { renderFile } from './repository';
import type { FileRecord } from './schema';

const forbidden = (description: string) => new HttpError(403, 'insufficient_scope', description);

/**
 * The files a Grant Admin token reaches (§9, A3): its one administered Grant must be a
 * Server-Provided Files Grant of the token's registration, reachable through the token's Grant
 * Admin scope; its enabled `file_id` entries are the files.
 */
async function reachableFiles(services: Wg1Services, req: Request): Promise<string[]> {
  const auth = req.auth!;
  const grant = auth.grantAdminOf ? await services.repos.grants.getOwned(auth.registrationId, auth.grantAdminOf) : null;
  if (!grant) throw forbidden('a Grant Admin token for a Server-Provided Files Grant is required');
  const access = grantAccess(grant, services.clock());
  const filesScopes = services.scopes.ofType(SERVER_PROVIDED_FILES_TYPE)
    .filter((sd) => sd.grant_admin_scope !== null && auth.scopes.includes(sd.grant_admin_scope))
    .map((sd) => sd.id);
  const entries = access.enabled_authorization_details.filter((d) => filesScopes.includes(d.type));
  if (!access.hasAccess || entries.length === 0) throw forbidden('the token\'s Grant shares no files');
  return entries.map((d) => d.file_id).filter((id): id is string => typeof id === 'string');
}

async function reachableFile(services: Wg1Services, req: Request): Promise<FileRecord> {
  const id = String(req.params.fileId);
  const allowed = await reachableFiles(services, req);
  const file = ID_PATTERN.test(id) && allowed.includes(id) ? await services.repos.files.get(id) : null;
  if (!file) throw notFound('no such file among the token\'s Grant');
  return file;
}

/** `attachment; filename=...` with an RFC 6266 `filename*` when the name is not plain ASCII. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Server-Provided Files API (cds-wg1-02 §9): Grant Admin tokens only. */
export function createFilesRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const { repos, urls } = services;
  const router = Router();
  const grantAdmin = services.requireToken({ accept: (auth) => auth.grantAdminOf !== null });

  router.get(PATHS.files, grantAdmin, async (req, res) => {
    const allowed = await reachableFiles(services, req);
    const wanted = queryList(req, 'file_ids');
    const ids = wanted ? allowed.filter((id) => wanted.includes(id)) : allowed;
    const page = await repos.files.listAmong(ids, queryCursor(req), services.pageSize);
    sendExactJson(res, 200, listingBody('files', page, (f) => renderFile(f, urls), urls.filesApi, req));
  });

  router.get(`${PATHS.files}/:fileId`, grantAdmin, async (req, res) => {
    sendExactJson(res, 200, renderFile(await reachableFile(services, req), urls));
  });

  router.get(`${PATHS.files}/:fileId/download`, grantAdmin, async (req, res) => {
    const file = await reachableFile(services, req);
    const data = await repos.files.data(file.file_id);
    if (!data) throw notFound('the file\'s content is gone');
    res.status(200)
      .set({ 'Content-Type': file.mime_type, 'Content-Length': String(data.length), 'Content-Disposition': contentDisposition(file.name), 'Cache-Control': 'no-store' })
      .end(data);
  });

  return router;
}
