import { Router, type Request } from 'express';
import type { FacadeContext } from '../app';
import { badRequest, notFound } from '../errors';
import { sendExactJson } from '../json';
import { PATHS } from '../metadata/urls';
import {
  jsonApiBody, listingBody, objectBody, queryCursor, queryDatetime, queryEnumList, queryList, registrationOf,
} from '../registration/http';
import { ID_PATTERN } from '../registration/ids';
import { wg1Services, type Wg1Services } from '../registration/services';
import { CLIENT_ADMIN_SCOPE } from '../scopes';
import { modifyGrant } from './modify';
import { renderGrant } from './render';
import { GRANT_STATUSES, type GrantRecord } from './schema';

async function ownedGrant(services: Wg1Services, req: Request): Promise<GrantRecord> {
  const id = String(req.params.grantId);
  const grant = ID_PATTERN.test(id) ? await services.repos.grants.getOwned(registrationOf(req), id) : null;
  if (!grant) throw notFound('no such Grant');
  return grant;
}

/** Grants API (cds-wg1-02 §8). */
export function createGrantsRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const { repos, urls, clock, scopes } = services;
  const router = Router();
  router.use(PATHS.grants, jsonApiBody(context.config.BODY_LIMIT_BYTES));
  const clientAdmin = services.requireToken({ anyScope: [CLIENT_ADMIN_SCOPE] });

  router.get(PATHS.grants, clientAdmin, async (req, res) => {
    const page = await repos.grants.list(registrationOf(req), {
      grant_ids: queryList(req, 'grant_ids'),
      parents: queryList(req, 'parents'),
      statuses: queryEnumList(req, 'statuses', GRANT_STATUSES),
      client_ids: queryList(req, 'client_ids'),
      scopes: queryList(req, 'scopes'),
      states: queryList(req, 'states'),
      receipt_confirmations: queryList(req, 'receipt_confirmations'),
      after: queryDatetime(req, 'after'),
      before: queryDatetime(req, 'before'),
    }, queryCursor(req), services.pageSize);
    const now = clock();
    sendExactJson(res, 200, listingBody('grants', page, (g) => renderGrant(g, urls, now), urls.grantsApi, req));
  });

  router.get(`${PATHS.grants}/:grantId`, clientAdmin, async (req, res) => {
    sendExactJson(res, 200, renderGrant(await ownedGrant(services, req), urls, clock()));
  });

  router.patch(`${PATHS.grants}/:grantId`, clientAdmin, async (req, res) => {
    const grant = await ownedGrant(services, req);
    const client = await repos.clients.getOwned(grant.registration_id, grant.client_id);
    if (!client) throw badRequest('the Grant\'s Client Object no longer exists');
    const { changes, review } = modifyGrant(grant, client, objectBody(req), scopes, clock);
    let updated = grant;
    if (Object.keys(changes).length > 0) {
      updated = await repos.grants.update(grant, changes);
      if (review) {
        await repos.messages.create({
          registration_id: grant.registration_id, type: 'field_changes', status: 'pending',
          name: 'Grant changes under review',
          description: `The Server reviews the wider access asked for Grant ${grant.grant_id}.`,
          updates_requested: [
            { field: 'scope', previous_value: grant.scope, new_value: updated.scope },
            { field: 'authorization_details', previous_value: grant.authorization_details, new_value: updated.authorization_details },
          ],
          related_uri: urls.grant(grant.grant_id), related_type: 'grant',
        });
      }
    }
    sendExactJson(res, review ? 202 : 200, renderGrant(updated, urls, clock()));
  });

  return router;
}
