import { Router } from 'express';
import { sendExactJson } from '../json';
import { notFound } from '../errors';
import { listingBody, queryCursor, queryList } from '../registration/http';
import { indexMember, memoryIndex, pageOf } from '../registration/keyset';
import type { FacadeContext } from '../app';
import { wg1Services } from '../registration/services';
import { authorizationServerMetadata, coverageEntry, geojsonPath, serverMetadata } from './documents';
import type { CoverageSetting } from './settings';
import { PATHS } from './urls';

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

  router.get(PATHS.serverMetadata, (_req, res) => {
    sendExactJson(res, 200, serverMetadata(settings, urls, { self: urls.serverMetadata, oauthMetadata: urls.oauthMetadata }));
  });

  router.get(PATHS.oauthMetadata, (_req, res) => {
    sendExactJson(res, 200, authorizationServerMetadata(scopes, settings, urls, config.CDS_TIMEZONE, { registrationEndpoint: true }));
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
    sendExactJson(res, 200, listingBody('coverage_entries', page, (e) => coverageEntry(e, urls), urls.coverage, req));
  });

  router.get(geojsonPath(':id'), (req, res) => {
    const entry = settings.coverage.find((e) => e.id === req.params.id && e.geojson);
    if (!entry) throw notFound('no such coverage outline');
    res.status(200).type('application/geo+json').send(JSON.stringify(entry.geojson));
  });

  return router;
}
