import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { stringifyExact } from '../json';
import { notFound } from '../errors';
import { listingBody, queryCursor, queryList } from '../registration/http';
import { indexMember, memoryIndex, pageOf } from '../registration/keyset';
import type { FacadeContext } from '../app';
import { wg1Services } from '../registration/services';
import { createDocsRouter } from './docs';
import { authorizationServerMetadata, coverageEntry, geojsonPath, serverMetadata } from './documents';
import type { CoverageSetting } from './settings';
import { PATHS } from './urls';

/** A public document with a strong ETag; a matching If-None-Match gets 304 (01§3, 01§4). */
function sendDocument(req: Request, res: Response, body: unknown, type = 'application/json; charset=utf-8'): void {
  const text = stringifyExact(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'public, max-age=300');
  const match = req.get('if-none-match');
  if (match && match.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*')) {
    res.status(304).end();
    return;
  }
  res.status(200).type(type).send(text);
}

/**
 * Public discovery (cds-wg1-01 §3–§4, cds-wg1-02 §3): no authentication (01§8.1, §11.2); linked
 * GeoJSON is public too. Express answers conditional requests with 304 (01§3).
 */
export function createMetadataRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const { settings, urls, scopes, config } = services;
  const router = Router();
  const member = (e: CoverageSetting) => indexMember(e.updated, e.id);
  const byMember = new Map(settings.coverage.map((e) => [member(e), e]));
  const index = memoryIndex([...byMember.keys()]);

  router.get(PATHS.serverMetadata, (req, res) => {
    sendDocument(req, res, serverMetadata(settings, urls, { self: urls.serverMetadata, oauthMetadata: urls.oauthMetadata }));
  });

  router.get(PATHS.oauthMetadata, (req, res) => {
    sendDocument(req, res, authorizationServerMetadata(scopes, settings, urls, config.CDS_TIMEZONE, { registrationEndpoint: true }));
  });

  // 01§4.1: newest `updated` first; 01§4.2: `ids` filters.
  router.get(PATHS.coverage, async (req, res) => {
    const ids = queryList(req, 'ids');
    const wanted = ids && new Set(ids);
    const page = await pageOf({
      source: index,
      cursor: queryCursor(req),
      limit: services.pageSize,
      member,
      match: wanted ? (e) => wanted.has(e.id) : undefined,
      load: async (members) => members.map((m) => byMember.get(m) ?? null),
    });
    sendDocument(req, res, listingBody('coverage_entries', page, (e) => coverageEntry(e, urls), urls.coverage, req));
  });

  router.get(geojsonPath(':id'), (req, res) => {
    const entry = settings.coverage.find((e) => e.id === req.params.id && e.geojson);
    if (!entry) throw notFound('no such coverage outline');
    sendDocument(req, res, entry.geojson, 'application/geo+json');
  });

  router.use(createDocsRouter(context));
  return router;
}
