import { Router, type Request } from 'express';
import { z } from 'zod';
import type { FacadeContext } from '../app';
import { badRequest, notFound } from '../errors';
import { sendExactJson } from '../json';
import { changelogOps } from '../messages/changelog';
import { PATHS } from '../metadata/urls';
import { epochSeconds, nextModified } from '../registration/clock';
import {
  describeIssues, jsonApiBody, listingBody, objectBody, queryCursor, queryDatetime, queryList, registrationOf,
} from '../registration/http';
import { ID_PATTERN } from '../registration/ids';
import { wg1Services, type Wg1Services } from '../registration/services';
import { CLIENT_ADMIN_SCOPE } from '../scopes';
import type { CredentialObject, CredentialRecord } from './schema';
import { maskedSecret } from './secret';

/** §7.1; `secret` is the clear secret when this response is the one that shows it. */
function renderCredential(c: CredentialRecord, services: Wg1Services, secret: string | null): CredentialObject {
  return {
    credential_id: c.credential_id,
    uri: services.urls.credential(c.credential_id),
    client_id: c.client_id,
    created: c.created,
    modified: c.modified,
    type: c.type,
    client_secret: secret ?? maskedSecret(c.secret_hint),
    client_secret_expires_at: c.client_secret_expires_at,
  };
}

/** Renders Credentials, delivering any secret that has not been shown yet (once). */
async function shown(services: Wg1Services, credentials: CredentialRecord[]): Promise<CredentialObject[]> {
  return Promise.all(credentials.map(async (c) =>
    renderCredential(c, services, await services.repos.credentials.takeUndeliveredSecret(c.credential_id))));
}

async function ownedCredential(services: Wg1Services, req: Request): Promise<CredentialRecord> {
  const id = String(req.params.credentialId);
  const credential = ID_PATTERN.test(id) ? await services.repos.credentials.getOwned(registrationOf(req), id) : null;
  if (!credential) throw notFound('no such Credential');
  return credential;
}

const createSchema = z.object({ client_id: z.string({ error: 'client_id is required' }).min(1) });
const patchSchema = z.object({ client_secret_expires_at: z.number().int().min(0).optional() });

/** How far in the past an expiry may be set, for clock skew between Client and Server (A19). */
const SKEW_SECONDS = 60;

/** Credentials API (cds-wg1-02 §7). */
export function createCredentialsRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const { repos, urls, clock } = services;
  const router = Router();
  router.use(PATHS.credentials, jsonApiBody(context.config.BODY_LIMIT_BYTES));
  const clientAdmin = services.requireToken({ anyScope: [CLIENT_ADMIN_SCOPE] });

  router.get(PATHS.credentials, clientAdmin, async (req, res) => {
    const page = await repos.credentials.list(registrationOf(req), {
      credential_ids: queryList(req, 'credential_ids'),
      client_ids: queryList(req, 'client_ids'),
      after: queryDatetime(req, 'after'),
      before: queryDatetime(req, 'before'),
    }, queryCursor(req), services.pageSize);
    const items = await shown(services, page.items);
    sendExactJson(res, 200, listingBody('credentials', { ...page, items }, (c) => c, urls.credentialsApi, req));
  });

  // §7.5: a new secret for one of the registration's Clients, shown in this response only.
  router.post(PATHS.credentials, clientAdmin, async (req, res) => {
    const parsed = createSchema.safeParse(objectBody(req));
    if (!parsed.success) throw badRequest(describeIssues(parsed.error));
    const registrationId = registrationOf(req);
    const client = ID_PATTERN.test(parsed.data.client_id) ? await repos.clients.getOwned(registrationId, parsed.data.client_id) : null;
    if (!client) throw badRequest('client_id is not a Client Object of this registration');
    if (client.token_endpoint_auth_method === null || client.token_endpoint_auth_method === 'none') {
      throw badRequest('this Client Object does not authenticate with a secret (A12)');
    }
    if (client.cds_status === 'disabled') throw badRequest('this Client Object is disabled');
    const { record, secret, ops } = repos.credentials.prepare({ registrationId, clientId: client.client_id });
    ops.push(...changelogOps(repos.messages, urls, { registrationId, kind: 'credential', id: record.credential_id, action: 'added' }).ops);
    await repos.store.atomically(ops);
    res.setHeader('Cache-Control', 'no-store');
    sendExactJson(res, 201, renderCredential(record, services, secret));
  });

  router.get(`${PATHS.credentials}/:credentialId`, clientAdmin, async (req, res) => {
    const [credential] = await shown(services, [await ownedCredential(services, req)]);
    sendExactJson(res, 200, credential);
  });

  /**
   * §7.6: only `client_secret_expires_at` changes, and only towards "sooner". An expiry at or before
   * now is a compromise: the secret and every token issued through it stop at once, because the
   * token endpoint and the bearer middleware read the Credential on every use.
   */
  router.patch(`${PATHS.credentials}/:credentialId`, clientAdmin, async (req, res) => {
    const current = await ownedCredential(services, req);
    const parsed = patchSchema.safeParse(objectBody(req));
    if (!parsed.success) throw badRequest(`client_secret_expires_at must be an integer number of seconds (${describeIssues(parsed.error)})`);
    const wanted = parsed.data.client_secret_expires_at;
    let credential = current;
    if (wanted !== undefined && wanted !== current.client_secret_expires_at) {
      const now = epochSeconds(clock);
      const never = current.client_secret_expires_at === 0;
      const valid = never ? wanted === 0 || wanted >= now - SKEW_SECONDS : wanted >= now - SKEW_SECONDS && wanted <= current.client_secret_expires_at;
      if (!valid) {
        throw badRequest(never
          ? 'client_secret_expires_at must be 0 or a time from now on'
          : `client_secret_expires_at must be between now and the current expiry (${current.client_secret_expires_at})`);
      }
      credential = { ...current, client_secret_expires_at: wanted, modified: nextModified(clock, current.modified) };
      const compromised = wanted !== 0 && wanted <= now;
      await repos.store.atomically([
        ...repos.credentials.collection.writeOps(credential, current),
        ...changelogOps(repos.messages, urls, {
          registrationId: credential.registration_id, kind: 'credential', id: credential.credential_id, action: 'modified',
          detail: compromised
            ? `Credential ${credential.credential_id} expired now; its secret and the tokens issued through it no longer work.`
            : `Credential ${credential.credential_id} now expires at ${new Date(wanted * 1000).toISOString()}.`,
        }).ops,
      ]);
    }
    const [body] = await shown(services, [credential]);
    sendExactJson(res, 200, body);
  });

  return router;
}
