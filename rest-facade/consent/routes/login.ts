import { Router, type Response } from 'express';
import { z } from 'zod';
import type { ConsentContext } from '../context';
import { handoffPath } from '../handoff';
import { CONSENT_PATHS, safeReturnPath } from '../paths';
import { seeOther, sendPage } from '../respond';
import { sessionForPost } from '../session/csrf';
import { loginPage } from '../views/loginPage';
import { invalidRequestPage, messagePage } from '../views/messagePages';
import { loginMark } from '../form/flowState';

const loginForm = z.object({
  action: z.enum(['login', 'cancel']).default('login'),
  username: z.string().max(200).default(''),
  password: z.string().max(1000).default(''),
  request: z.string().max(200).optional(),
  return: z.string().max(200).optional(),
});

/** Where the login came from: an authorization request, or a page of ours (receipts). */
type Origin = { kind: 'request'; requestId: string; clientName: string } | { kind: 'return'; path: string };

async function originOf(ctx: ConsentContext, params: { request?: unknown; return?: unknown }): Promise<Origin | null> {
  if (typeof params.request === 'string' && params.request) {
    const pending = await ctx.flow.pending(params.request);
    if (!pending) return null;
    const client = await ctx.clients.get(pending.client_id);
    return { kind: 'request', requestId: pending.id, clientName: client?.client_name ?? client?.client_id ?? pending.client_id };
  }
  const path = safeReturnPath(params.return) ?? CONSENT_PATHS.authorizations;
  return { kind: 'return', path };
}

function hiddenFields(origin: Origin): Record<string, string> {
  return origin.kind === 'request' ? { request: origin.requestId } : { return: origin.path };
}

function render(ctx: ConsentContext, res: Response, status: number, o: {
  origin: Origin; csrf: string; username?: string; errors?: string[];
}) {
  sendPage(res, status, loginPage({
    actionUrl: CONSENT_PATHS.login,
    csrf: o.csrf,
    username: o.username ?? '',
    errors: o.errors ?? [],
    clientName: o.origin.kind === 'request' ? o.origin.clientName : undefined,
    hidden: hiddenFields(o.origin),
    cancellable: o.origin.kind === 'request',
    testAccountsUrl: ctx.config.CDS_MODE === 'sandbox' ? CONSENT_PATHS.testAccounts : undefined,
  }, ctx.branding));
}

function expired(ctx: ConsentContext, res: Response) {
  sendPage(res, 400, invalidRequestPage('the authorization request is unknown, expired or already completed', ctx.branding));
}

/** Customer authentication (§9.1.2): sign in, cancel (→ access_denied), sign out. */
export function loginRoutes(ctx: ConsentContext): Router {
  const router = Router();

  router.get(CONSENT_PATHS.login, async (req, res) => {
    const origin = await originOf(ctx, req.query);
    if (!origin) return expired(ctx, res);
    const session = await ctx.sessions.ensure(req, res);
    render(ctx, res, 200, { origin, csrf: session.csrf });
  });

  router.post(CONSENT_PATHS.login, async (req, res) => {
    const session = await sessionForPost(ctx.sessions, ctx.branding, req, res);
    if (!session) return;
    const form = loginForm.safeParse(req.body ?? {});
    if (!form.success) return expired(ctx, res);
    const origin = await originOf(ctx, form.data);
    if (!origin) return expired(ctx, res);

    if (form.data.action === 'cancel') {
      if (origin.kind !== 'request') return seeOther(res, '/');
      // §9.1.2: an authentication the customer gives up on is reported to the Client like a decline.
      return seeOther(res, await ctx.flow.complete(origin.requestId, {
        outcome: 'error', error: 'access_denied', error_description: 'the customer cancelled sign-in',
      }));
    }

    const username = form.data.username.trim();
    const ip = req.ip ?? 'unknown';
    const retryAfter = await ctx.throttle.retryAfter(username, ip);
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      return render(ctx, res, 429, {
        origin, csrf: session.csrf, username,
        errors: [`Too many unsuccessful sign-in attempts. Please wait ${Math.ceil(retryAfter / 60)} minute(s) and try again${origin.kind === 'request' ? ', or cancel' : ''}.`],
      });
    }
    if (!username || !form.data.password) {
      return render(ctx, res, 400, { origin, csrf: session.csrf, username, errors: ['Enter your username and password.'] });
    }
    const who = await ctx.identity.authenticate(username, form.data.password);
    if (!who) {
      await ctx.throttle.recordFailure(username, ip);
      return render(ctx, res, 401, { origin, csrf: session.csrf, username, errors: ['The username or password is not correct.'] });
    }
    await ctx.throttle.recordSuccess(username, ip);
    const testAccounts = await ctx.testAccounts.list();
    const fresh = await ctx.sessions.login(req, res, {
      customerId: who.customerId,
      username: who.username,
      email: who.email,
      isTestCustomer: testAccounts.some((a) => a.username.toLowerCase() === who.username.toLowerCase()),
    });
    if (origin.kind === 'request') {
      // Remembers that this request saw a fresh sign-in (cds-wg1-02 §8.3 h, prompt=login).
      await loginMark(ctx.store).set(origin.requestId, fresh.authenticatedAt!);
      return seeOther(res, handoffPath(origin.requestId));
    }
    seeOther(res, origin.path);
  });

  // Sign out (§9.1.2): the session ends at once.
  router.post(CONSENT_PATHS.logout, async (req, res) => {
    const session = await sessionForPost(ctx.sessions, ctx.branding, req, res);
    if (!session) return;
    await ctx.sessions.logout(req, res);
    sendPage(res, 200, messagePage({ title: 'You are signed out', message: 'You can close this window.', page: 'signed-out', tone: 'ok' }, ctx.branding));
  });

  return router;
}
