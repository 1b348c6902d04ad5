import { Router, type Request } from 'express';
import { z } from 'zod';
import type { FacadeContext } from '../app';
import { badRequest, notFound } from '../errors';
import { renderFile } from '../files';
import { GRANT_STATUSES, renderGrant } from '../grants';
import { sendExactJson } from '../json';
import { MESSAGE_STATUSES, RELATED_TYPES, renderMessage, updateRequestSchema } from '../messages';
import { decimalTextSchema } from '../scopes';
import { describeIssues, jsonApiBody, listingBody, queryCursor } from '../registration/http';
import { ID_PATTERN } from '../registration/ids';
import { wg1Services, type Wg1Services } from '../registration/services';
import { requireAdminToken } from './auth';
import {
  approveProduction, createServerGrant, disableClient, notifyAll, postMessage, registrationView, resolveMessage, setGrantStatus, shareFile,
} from './operations';

export const ADMIN_PREFIX = '/admin';

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw badRequest(describeIssues(parsed.error));
  return parsed.data;
}

const id = (req: Request, name: string) => {
  const value = String(req.params[name]);
  if (!ID_PATTERN.test(value)) throw notFound();
  return value;
};

const related = { related_uri: z.url().optional(), related_type: z.enum(RELATED_TYPES).optional() };
const messageSchema = z.object({
  type: z.enum(['private_message', 'server_request', 'payment_request', 'online_form_request', 'pdf_form_request']),
  name: z.string().min(1),
  description: z.string(),
  previous_id: z.string().regex(ID_PATTERN).optional(),
  updates_requested: z.array(updateRequestSchema).optional(),
  amount: decimalTextSchema.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  ...related,
}).refine((m) => !m.related_uri || m.related_type, 'related_type goes with related_uri (§6.1)')
  .refine((m) => m.type !== 'server_request' || (m.updates_requested?.length && m.updates_requested.every((u) => u.name && u.description)), 'a server_request lists updates_requested with name and description (§6.5)');
const notificationSchema = z.object({ name: z.string().min(1), description: z.string(), ...related });
const resolutionSchema = z.object({ status: z.enum(MESSAGE_STATUSES), description: z.string().optional(), client_id: z.string().optional(), ...related });
const fileSchema = z.object({ name: z.string().min(1).max(255), mime_type: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/), description: z.string().optional(), data: z.base64() });
const grantSchema = z.object({ client_id: z.string(), scope: z.string(), authorization_details: z.array(z.looseObject({ type: z.string().min(1) })).default([]) });
const grantStatusSchema = z.object({ status: z.enum(GRANT_STATUSES), reason: z.string().min(1) });
const reasonSchema = z.object({ reason: z.string().min(1).optional() });

async function client(services: Wg1Services, clientId: string) {
  const found = await services.repos.clients.get(clientId);
  if (!found) throw notFound('no such Client Object');
  return found;
}

/**
 * The operator's API (bearer ADMIN_API_TOKEN), used by `npm run admin`: review registrations,
 * answer requests, approve production, post Messages, share files, disable Clients, change Grants.
 */
export function createAdminRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const { repos, urls, clock } = services;
  const router = Router();
  router.use(ADMIN_PREFIX, jsonApiBody(context.config.BODY_LIMIT_BYTES));
  router.use(ADMIN_PREFIX, requireAdminToken(context.config.ADMIN_API_TOKEN));

  router.get(`${ADMIN_PREFIX}/registrations`, async (req, res) => {
    const page = await repos.registrations.list(queryCursor(req), services.pageSize);
    sendExactJson(res, 200, listingBody('registrations', page, (r) => r, `${urls.base}${ADMIN_PREFIX}/registrations`, req));
  });

  router.get(`${ADMIN_PREFIX}/registrations/:registrationId`, async (req, res) => {
    const view = await registrationView(services, id(req, 'registrationId'));
    if (!view) throw notFound('no such registration');
    sendExactJson(res, 200, view);
  });

  router.post(`${ADMIN_PREFIX}/registrations/:registrationId/messages`, async (req, res) => {
    const registrationId = id(req, 'registrationId');
    if (!(await repos.registrations.get(registrationId))) throw notFound('no such registration');
    const { type, previous_id, ...rest } = parse(messageSchema, req.body);
    const status = type === 'private_message' ? 'complete' : 'open';
    if (previous_id && !(await repos.messages.getOwned(registrationId, previous_id))) throw badRequest('previous_id is not a Message of this registration');
    const message = await postMessage(services, { registration_id: registrationId, type, status, previous_id: previous_id ?? null, ...rest });
    sendExactJson(res, 201, renderMessage(message, urls));
  });

  router.post(`${ADMIN_PREFIX}/notifications`, async (req, res) => {
    sendExactJson(res, 201, { registrations: await notifyAll(services, parse(notificationSchema, req.body)) });
  });

  router.get(`${ADMIN_PREFIX}/messages/:messageId`, async (req, res) => {
    const message = await repos.messages.get(id(req, 'messageId'));
    if (!message) throw notFound('no such Message');
    sendExactJson(res, 200, { registration_id: message.registration_id, ...renderMessage(message, urls) });
  });

  router.post(`${ADMIN_PREFIX}/messages/:messageId/resolve`, async (req, res) => {
    const message = await repos.messages.get(id(req, 'messageId'));
    if (!message) throw notFound('no such Message');
    await resolveMessage(services, message, parse(resolutionSchema, req.body));
    sendExactJson(res, 200, await registrationView(services, message.registration_id));
  });

  router.post(`${ADMIN_PREFIX}/clients/:clientId/production`, async (req, res) => {
    const production = await approveProduction(services, await client(services, id(req, 'clientId')));
    sendExactJson(res, 201, { client_id: production.client_id, cds_client_uri: urls.client(production.client_id) });
  });

  router.post(`${ADMIN_PREFIX}/clients/:clientId/disable`, async (req, res) => {
    const { reason } = parse(reasonSchema, req.body);
    const target = await client(services, id(req, 'clientId'));
    const disabled = await disableClient(services, target, reason ?? `The Server disabled Client Object ${target.client_id}.`);
    sendExactJson(res, 200, { client_id: disabled.client_id, cds_status: disabled.cds_status });
  });

  router.post(`${ADMIN_PREFIX}/grants`, async (req, res) => {
    const input = parse(grantSchema, req.body);
    const grant = await createServerGrant(services, await client(services, input.client_id), input.scope, input.authorization_details);
    sendExactJson(res, 201, renderGrant(grant, urls, clock()));
  });

  router.post(`${ADMIN_PREFIX}/grants/:grantId/status`, async (req, res) => {
    const grant = await repos.grants.get(id(req, 'grantId'));
    if (!grant) throw notFound('no such Grant');
    const { status, reason } = parse(grantStatusSchema, req.body);
    sendExactJson(res, 200, renderGrant(await setGrantStatus(services, grant, status, reason), urls, clock()));
  });

  router.get(`${ADMIN_PREFIX}/files`, async (req, res) => {
    const page = await repos.files.listAll(queryCursor(req), services.pageSize);
    sendExactJson(res, 200, listingBody('files', page, (f) => renderFile(f, urls), `${urls.base}${ADMIN_PREFIX}/files`, req));
  });

  router.post(`${ADMIN_PREFIX}/files`, async (req, res) => {
    const { data, ...meta } = parse(fileSchema, req.body);
    sendExactJson(res, 201, renderFile(await repos.files.create({ ...meta, data: Buffer.from(data, 'base64') }), urls));
  });

  router.post(`${ADMIN_PREFIX}/files/:fileId/share`, async (req, res) => {
    const file = await repos.files.get(id(req, 'fileId'));
    if (!file) throw notFound('no such file');
    const { client_id } = parse(z.object({ client_id: z.string() }), req.body);
    sendExactJson(res, 200, renderGrant(await shareFile(services, file, await client(services, client_id)), urls, clock()));
  });

  return router;
}
