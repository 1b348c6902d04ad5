import { Router, type Request } from 'express';
import type { FacadeContext } from '../app';
import { badRequest, notFound } from '../errors';
import { sendExactJson } from '../json';
import { PATHS } from '../metadata/urls';
import { jsonApiBody, objectBody, queryCursor, queryList, queryOf, registrationOf } from '../registration/http';
import { ID_PATTERN } from '../registration/ids';
import { pageLink } from '../registration/keyset';
import { wg1Services, type Wg1Services } from '../registration/services';
import { CLIENT_ADMIN_SCOPE } from '../scopes';
import { clientMessage } from './create';
import { renderMessage } from './render';
import { SEGMENTS, type Segment } from './repository';
import type { MessageRecord } from './schema';

async function ownedMessage(services: Wg1Services, req: Request): Promise<MessageRecord> {
  const id = String(req.params.messageId);
  const message = ID_PATTERN.test(id) ? await services.repos.messages.getOwned(registrationOf(req), id) : null;
  if (!message) throw notFound('no such Message');
  return message;
}

/** Messages API (cds-wg1-02 §6). */
export function createMessagesRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const { repos, urls } = services;
  const router = Router();
  router.use(PATHS.messages, jsonApiBody(context.config.BODY_LIMIT_BYTES));
  const clientAdmin = services.requireToken({ anyScope: [CLIENT_ADMIN_SCOPE] });

  /**
   * §6.8: three overlapping lists, each newest `modified` first with its own links. A link names
   * its list (`segment`); following it fills only that list, the others come back empty.
   */
  router.get(PATHS.messages, clientAdmin, async (req, res) => {
    const registrationId = registrationOf(req);
    const segmentParam = req.query.segment;
    if (segmentParam !== undefined && !SEGMENTS.includes(segmentParam as Segment)) throw badRequest(`segment must be one of ${SEGMENTS.join(', ')}`);
    const cursor = queryCursor(req);
    if (cursor && segmentParam === undefined) throw badRequest('a cursor belongs to one segment');
    const filters = { message_ids: queryList(req, 'message_ids') };
    const query = queryOf(req);
    const body: Record<string, unknown> = {};
    for (const segment of SEGMENTS) {
      const wanted = segmentParam === undefined || segmentParam === segment;
      const page = wanted
        ? await repos.messages.list(registrationId, segment, filters, cursor, services.pageSize)
        : { items: [], next: null, previous: null };
      body[segment] = page.items.map((m) => renderMessage(m, urls));
      body[`${segment}_next`] = pageLink(urls.messagesApi, query, page.next, { segment });
      body[`${segment}_previous`] = pageLink(urls.messagesApi, query, page.previous, { segment });
    }
    sendExactJson(res, 200, body);
  });

  router.post(PATHS.messages, clientAdmin, async (req, res) => {
    const registrationId = registrationOf(req);
    const { message, answered } = await clientMessage(services, registrationId, req.auth!.clientId, objectBody(req));
    const created = repos.messages.createOps(message);
    // §6.9: answering an open request puts it under review.
    const review = answered ? repos.messages.updateOps(answered, { status: 'pending' }).ops : [];
    await repos.store.atomically([...created.ops, ...review]);
    sendExactJson(res, 201, renderMessage(created.record, urls));
  });

  router.get(`${PATHS.messages}/:messageId`, clientAdmin, async (req, res) => {
    sendExactJson(res, 200, renderMessage(await ownedMessage(services, req), urls));
  });

  // §6.11: only `read` changes; other members are ignored.
  router.patch(`${PATHS.messages}/:messageId`, clientAdmin, async (req, res) => {
    let message = await ownedMessage(services, req);
    const { read } = objectBody(req);
    if (read !== undefined && typeof read !== 'boolean') throw badRequest('read must be true or false');
    if (read !== undefined && read !== message.read) message = await repos.messages.update(message, { read });
    sendExactJson(res, 200, renderMessage(message, urls));
  });

  return router;
}
