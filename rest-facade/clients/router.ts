import { Router, type Request } from 'express';
import type { FacadeContext } from '../app';
import { notFound } from '../errors';
import { sendExactJson } from '../json';
import { changelogOps } from '../messages/changelog';
import { authorizationServerMetadata, serverMetadata } from '../metadata/documents';
import { PATHS } from '../metadata/urls';
import { epochSeconds, nextModified } from '../registration/clock';
import { jsonApiBody, listingBody, objectBody, queryCursor, queryList, registrationOf } from '../registration/http';
import { ID_PATTERN } from '../registration/ids';
import { wg1Services, type Wg1Services } from '../registration/services';
import { CLIENT_ADMIN_SCOPE } from '../scopes';
import type { StoreOp } from '../store';
import { fieldChangesMessage } from './fieldChanges';
import { modifyClient } from './modify';
import { renderClient } from './render';
import type { ClientRecord } from './schema';

async function ownedClient(services: Wg1Services, req: Request): Promise<ClientRecord> {
  const id = String(req.params.clientId);
  const client = ID_PATTERN.test(id) ? await services.repos.clients.getOwned(registrationOf(req), id) : null;
  if (!client) throw notFound('no such Client Object');
  return client;
}

/**
 * Disabling a Client (§5.2) expires its Credentials at that moment (§7.1), so its secrets and every
 * token issued through them stop working at once; each Credential change is in the changelog.
 */
export async function disableCredentialsOps(services: Wg1Services, client: ClientRecord): Promise<StoreOp[]> {
  const { repos, clock, urls } = services;
  const now = epochSeconds(clock);
  const ops: StoreOp[] = [];
  for (const credential of await repos.credentials.ofClient(client.registration_id, client.client_id)) {
    const next = { ...credential, client_secret_expires_at: now, modified: nextModified(clock, credential.modified) };
    ops.push(...repos.credentials.collection.writeOps(next, credential));
    ops.push(...changelogOps(repos.messages, urls, {
      registrationId: client.registration_id, kind: 'credential', id: credential.credential_id, action: 'modified',
      detail: `Credential ${credential.credential_id} expired because Client Object ${client.client_id} was disabled.`,
    }).ops);
  }
  return ops;
}

/** Clients API (cds-wg1-02 §5) and each Client's own metadata documents (§5.1 `cds_server_metadata`). */
export function createClientsRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const { repos, urls, clock, settings, scopes, config } = services;
  const router = Router();
  router.use(PATHS.clients, jsonApiBody(context.config.BODY_LIMIT_BYTES));
  const clientAdmin = services.requireToken({ anyScope: [CLIENT_ADMIN_SCOPE] });

  router.get(PATHS.clients, clientAdmin, async (req, res) => {
    const page = await repos.clients.list(registrationOf(req), { client_ids: queryList(req, 'client_ids') }, queryCursor(req), services.pageSize);
    sendExactJson(res, 200, listingBody('clients', page, (c) => renderClient(c, urls), urls.clientsApi, req));
  });

  router.get(`${PATHS.clients}/:clientId`, clientAdmin, async (req, res) => {
    sendExactJson(res, 200, renderClient(await ownedClient(services, req), urls));
  });

  router.put(`${PATHS.clients}/:clientId`, clientAdmin, async (req, res) => {
    const current = await ownedClient(services, req);
    const registration = await repos.registrations.get(current.registration_id);
    if (!registration) throw notFound('no such registration');
    const { client: changed, changed: fields, pending } = modifyClient(current, objectBody(req, 'invalid_client_metadata'), { scopes, registration, urls });
    const ops: StoreOp[] = [];
    let client = current;
    if (fields.length > 0) {
      client = { ...changed, cds_modified: nextModified(clock, current.cds_modified) };
      ops.push(...repos.clients.collection.writeOps(client, current));
      ops.push(...changelogOps(repos.messages, urls, {
        registrationId: client.registration_id, kind: 'client', id: client.client_id,
        action: client.cds_status === 'disabled' && current.cds_status !== 'disabled' ? 'disabled' : 'modified',
        detail: `Client Object ${client.client_id} changed: ${fields.join(', ')}.`,
      }).ops);
      if (client.cds_status === 'disabled' && current.cds_status !== 'disabled') ops.push(...await disableCredentialsOps(services, client));
    }
    if (pending.length > 0) {
      // §5.5: the change waits for the Server's review; the Message tracks it.
      ops.push(...repos.messages.createOps({ registration_id: client.registration_id, ...fieldChangesMessage(client.client_id, pending, urls) }).ops);
    }
    if (ops.length > 0) await repos.store.atomically(ops);
    sendExactJson(res, pending.length > 0 ? 202 : 200, renderClient(client, urls));
  });

  // §5.1: a Client's metadata needs its registration's cds_client_admin token (401 without one).
  router.get(`${PATHS.clients}/:clientId/cds-server-metadata`, clientAdmin, async (req, res) => {
    const { client_id: id } = await ownedClient(services, req);
    sendExactJson(res, 200, serverMetadata(settings, urls, { self: urls.clientServerMetadata(id), oauthMetadata: urls.clientOauthMetadata(id) }));
  });

  // A48: the Client-specific ASM it links to is protected the same way; its Scope Descriptions are
  // the Client's own (cds-wg3-01 §7.4.4: its Purposes are the `purpose` choices).
  router.get(`${PATHS.clients}/:clientId/oauth-authorization-server`, clientAdmin, async (req, res) => {
    const client = await ownedClient(services, req);
    sendExactJson(res, 200, authorizationServerMetadata(scopes, settings, urls, config.CDS_TIMEZONE, { registrationEndpoint: true, client }));
  });

  return router;
}
