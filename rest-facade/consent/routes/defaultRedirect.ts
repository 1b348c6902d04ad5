import { Router } from 'express';
import type { ConsentContext } from '../context';
import { CONSENT_PATHS, receiptPath } from '../paths';
import { seeOther, sendPage } from '../respond';
import { defaultRedirectErrorPage, invalidRequestPage, messagePage } from '../views/messagePages';

/**
 * cds-wg3-01 §9.1.1 / §9.3.3: an authorization that ends on the Server's own redirect_uri shows the
 * Default Redirect Error page for any error. Approvals go straight to the receipt from the form;
 * a `grant_id` arriving here leads to its receipt only for the customer who owns it, so a Client
 * that knows the Grant cannot derive the receipt's URL (§9.4).
 */
export function defaultRedirectRoutes(ctx: ConsentContext): Router {
  const router = Router();
  router.get(CONSENT_PATHS.defaultRedirect, async (req, res) => {
    const { error, error_description: description, grant_id: grantId } = req.query;
    if (typeof error === 'string' && error) {
      return sendPage(res, 200, defaultRedirectErrorPage(error, typeof description === 'string' ? description : undefined, ctx.branding));
    }
    if (typeof grantId === 'string' && grantId) {
      const session = await ctx.sessions.load(req);
      const receipt = await ctx.receipts.latestForGrant(grantId);
      if (receipt && session?.customer?.customerId === receipt.customer_id) return seeOther(res, receiptPath(receipt.receipt_id));
      return sendPage(res, 200, messagePage({
        title: 'Your answer was recorded',
        message: `Your receipt was sent to you. When signed in, you can find it under your authorizations (${CONSENT_PATHS.authorizations}).`,
        page: 'default-redirect-done', tone: 'ok',
      }, ctx.branding));
    }
    sendPage(res, 400, invalidRequestPage('the redirect carries neither a result nor an error', ctx.branding));
  });
  return router;
}
