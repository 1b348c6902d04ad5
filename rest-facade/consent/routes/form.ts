import { Router, type Request, type Response } from 'express';
import type { ConsentContext } from '../context';
import { approve } from '../form/approve';
import { decisionLock, loginMark } from '../form/flowState';
import { applyTool, parseFormState, type FormState } from '../form/formState';
import {
  buildRequestModel, formView, preselectionProblem, RequestNoLongerValid, validateApproval, type Problem, type RequestModel,
} from '../form/model';
import { HANDOFF_PATH, handoffPath } from '../handoff';
import { CONSENT_PATHS } from '../paths';
import type { PendingRequest } from '../ports';
import { seeOther, sendPage } from '../respond';
import { sessionForPost } from '../session/csrf';
import type { Session, SessionCustomer } from '../session/sessions';
import { formPage } from '../views/formPage';
import { invalidRequestPage, messagePage, preselectionErrorPage } from '../views/messagePages';

type Ready = { pending: PendingRequest; customer: SessionCustomer; session: Session };

const loginUrl = (requestId: string) => `${CONSENT_PATHS.login}?request=${encodeURIComponent(requestId)}`;

/**
 * The checks between the hand-off and the form (§9.1.1, §9.1.2, cds-wg1-02 §8.3 h/i, §5.2):
 * a live request, a signed-in customer (freshly, for prompt=login), the right kind of customer for
 * the Client's status, and — for a Grant Authorization Request — the Grant's own customer.
 * Returns null after answering the browser itself.
 */
async function ready(ctx: ConsentContext, req: Request, res: Response, session: Session | null): Promise<Ready | null> {
  const requestId = req.params.requestId as string;
  const pending = await ctx.flow.pending(requestId);
  if (!pending) {
    // A second submit of a decided form follows the first decision instead of failing (§9.2.1.6).
    const decided = await decisionLock(ctx.store).outcome(requestId);
    if (decided) { seeOther(res, decided); return null; }
    sendPage(res, 400, invalidRequestPage('the authorization request is unknown, expired or already completed', ctx.branding));
    return null;
  }
  const customer = session?.customer;
  if (!session || !customer) { seeOther(res, loginUrl(requestId)); return null; }
  const prompts = (pending.prompt ?? '').split(' ');
  if (prompts.includes('login') && !(await loginMark(ctx.store).matches(requestId, session.authenticatedAt))) {
    seeOther(res, loginUrl(requestId));
    return null;
  }
  const fail = async (error: string, description: string) => {
    seeOther(res, await ctx.flow.complete(requestId, { outcome: 'error', error, error_description: description }));
    return null;
  };
  const client = await ctx.clients.get(pending.client_id);
  if (!client || client.cds_status === 'disabled') return fail('unauthorized_client', 'the client is no longer enabled');
  if (client.cds_status === 'sandbox' && !customer.isTestCustomer) {
    return fail('access_denied', 'a sandbox client can only be authorized by the test customers of cds_test_accounts');
  }
  if (client.cds_status === 'production' && customer.isTestCustomer) {
    return fail('access_denied', 'a test customer cannot authorize a production client');
  }
  if (pending.cds_grant_id) {
    const grant = await ctx.grants.get(pending.cds_grant_id);
    if (!grant || (grant.subject !== null && grant.subject !== customer.customerId)) {
      return fail('cds_grant_id_invalid_user', 'the Grant in cds_grant_id belongs to another customer');
    }
  }
  return { pending, customer, session };
}

/** Builds the form's model; a request that fails re-validation now that the customer is known goes back to the Client (§9.1.1). */
async function modelFor(ctx: ConsentContext, res: Response, r: Ready): Promise<RequestModel | null> {
  try {
    return await buildRequestModel(ctx, r.pending, r.customer);
  } catch (err) {
    if (!(err instanceof RequestNoLongerValid)) throw err;
    seeOther(res, await ctx.flow.complete(r.pending.id, { outcome: 'error', error: err.error, error_description: err.description }));
    return null;
  }
}

function renderForm(ctx: ConsentContext, res: Response, status: number, r: Ready, model: RequestModel, state: FormState | null, problems: Problem[] = []) {
  const view = formView(ctx, model, state, { requestId: r.pending.id, csrf: r.session.csrf, customer: r.customer, problems });
  sendPage(res, status, formPage(view, ctx.branding));
}

/** The Authorization Form at the OAuth hand-off route `/authorize/<request id>` (§9.2). */
export function formRoutes(ctx: ConsentContext): Router {
  const router = Router();
  const path = `${HANDOFF_PATH}/:requestId`;

  router.get(path, async (req, res) => {
    const r = await ready(ctx, req, res, await ctx.sessions.load(req));
    if (!r) return;
    const model = await modelFor(ctx, res, r);
    if (!model) return;
    const missing = preselectionProblem(model);
    if (missing) {
      return sendPage(res, 200, preselectionErrorPage({
        clientName: model.client.name, requested: missing, actionUrl: handoffPath(r.pending.id), csrf: r.session.csrf,
      }, ctx.branding));
    }
    await renderForm(ctx, res, 200, r, model, null);
  });

  router.post(path, async (req, res) => {
    const session = await sessionForPost(ctx.sessions, ctx.branding, req, res);
    if (!session) return;
    const requestId = req.params.requestId as string;
    const action = req.body?.action;

    // The Preselection Error page's two choices (§9.3.1).
    if (action === 'switch_account') {
      await ctx.sessions.logout(req, res);
      return seeOther(res, loginUrl(requestId));
    }
    const r = await ready(ctx, req, res, session);
    if (!r) return;
    if (action === 'decline_preselection') {
      return finish(ctx, res, requestId, () => ctx.flow.complete(requestId, {
        outcome: 'error', error: 'invalid_authorization_details', error_description: 'the customer has none of the requested resources and declined',
      }));
    }

    const state = parseFormState(req.body ?? {});
    if (!state) {
      return sendPage(res, 400, messagePage({ title: 'The form could not be read', message: 'Please go back, reload the page and try again.', page: 'bad-form', tone: 'warn' }, ctx.branding));
    }
    if (state.action.kind === 'decline') {
      return finish(ctx, res, requestId, () => ctx.flow.complete(requestId, { outcome: 'deny' }));
    }
    const model = await modelFor(ctx, res, r);
    if (!model) return;
    if (state.action.kind !== 'approve') {
      applyTool(state, (key) => model.sections.find((s) => s.key === key)?.offer.map((e) => e.id) ?? []);
      return renderForm(ctx, res, 200, r, model, state);
    }
    const problems = validateApproval(model, state);
    if (problems.length > 0) return renderForm(ctx, res, 422, r, model, state, problems);
    return finish(ctx, res, requestId, () => approve(ctx, r, model, state));
  });

  return router;
}

/**
 * Runs one decision exactly once: the first submission claims the request, later ones (double
 * clicks, reloads, a second tab) get the first decision's redirect.
 */
async function finish(ctx: ConsentContext, res: Response, requestId: string, decide: () => Promise<string>) {
  const lock = decisionLock(ctx.store);
  if (!(await lock.claim(requestId))) {
    const decided = await lock.outcome(requestId);
    if (decided) return seeOther(res, decided);
    return sendPage(res, 409, messagePage({
      title: 'Your answer is being processed', message: 'You already sent your answer. Please wait a moment and reload this page.',
      page: 'in-progress',
    }, ctx.branding));
  }
  let location: string;
  try {
    location = await decide();
  } catch (err) {
    await lock.release(requestId);
    throw err;
  }
  await lock.settle(requestId, location);
  seeOther(res, location);
}
