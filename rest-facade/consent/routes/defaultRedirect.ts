import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { Store } from '../../store';
import type { ConsentContext } from '../context';
import { receiptPath } from '../paths';
import { seeOther, sendPage } from '../respond';
import { defaultRedirectErrorPage, invalidRequestPage, messagePage } from '../views/messagePages';

/** The Server-created redirect_uri of every code-flow Client (WG1 §4.2; metadata PATHS.defaultRedirect). */
export const DEFAULT_REDIRECT_PATH = '/oauth/default-redirect';

const TTL_SECONDS = 10 * 60;
const key = (code: string) => `consent:default-redirect:${createHash('sha256').update(code).digest('base64url')}`;

/** Links an issued code to its receipt, so the default redirect can show it (§9.1.1). */
export function defaultRedirectReceipts(store: Store) {
  return {
    remember: (code: string, receiptId: string) => store.set(key(code), receiptId, { ttlSeconds: TTL_SECONDS }),
    find: (code: string) => store.get(key(code)),
  };
}

/**
 * cds-wg3-01 §9.1.1 / §9.3.3: an authorization that ends on the Server's own redirect_uri lands
 * the customer on the receipt (success) or on the Default Redirect Error page (any error).
 */
export function defaultRedirectRoutes(ctx: ConsentContext): Router {
  const router = Router();
  const links = defaultRedirectReceipts(ctx.store);
  router.get(DEFAULT_REDIRECT_PATH, async (req, res) => {
    const { code, error, error_description: description } = req.query;
    if (typeof error === 'string' && error) {
      return sendPage(res, 200, defaultRedirectErrorPage(error, typeof description === 'string' ? description : undefined, ctx.branding));
    }
    if (typeof code === 'string' && code) {
      const receiptId = await links.find(code);
      if (receiptId) return seeOther(res, receiptPath(receiptId));
      return sendPage(res, 404, messagePage({
        title: 'Receipt link expired',
        message: 'Your approval was recorded, but this link has expired. Your receipt was sent to you, and you can find it under your authorizations when signed in.',
        page: 'default-redirect-expired',
      }, ctx.branding));
    }
    sendPage(res, 400, invalidRequestPage('neither code nor error was given', ctx.branding));
  });
  return router;
}
