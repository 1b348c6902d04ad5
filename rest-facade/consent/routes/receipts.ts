import { Router, type Request } from 'express';
import { DateTime } from 'luxon';
import { canonicalJson, grantAccess, scopeTokens } from '../../grants';
import type { ConsentContext } from '../context';
import { CONSENT_PATHS, receiptPath } from '../paths';
import type { Receipt } from '../receipts/receipt';
import { STATUS_WORDS } from '../receipts/status';
import { seeOther, sendPage } from '../respond';
import { sessionForPost } from '../session/csrf';
import { durationStatements, scopedEntries, summaryOf } from '../wording/access';
import { messagePage } from '../views/messagePages';
import { myReceiptsPage, receiptPage, revokeConfirmPage, type GrantStatusView, type ReceiptChanges } from '../views/receiptPage';

function notFound(ctx: ConsentContext) {
  return messagePage({
    title: 'Receipt not found',
    message: 'There is no receipt at this address. Check the link in your confirmation message.',
    page: 'receipt-not-found', tone: 'warn', heading: 'Authorization receipt',
  }, ctx.branding);
}

async function statusOf(ctx: ConsentContext, grantId: string): Promise<GrantStatusView> {
  const grant = await ctx.grants.get(grantId);
  if (!grant) return { status: 'unknown', words: 'No longer available', grantsAccess: false };
  const access = grantAccess(grant, ctx.clock());
  return { status: access.status, words: STATUS_WORDS[access.status], grantsAccess: access.hasAccess };
}

/** §9.4: what changed since approval — Client name/URI, access, selected resources, terms. */
async function changesOf(ctx: ConsentContext, receipt: Receipt): Promise<ReceiptChanges> {
  const changes: ReceiptChanges = {};
  const client = await ctx.clients.get(receipt.client.client_id);
  if (client) {
    const name = client.client_name ?? client.client_id;
    if (name !== receipt.client.name) changes.clientName = name;
    if ((client.client_uri ?? null) !== (receipt.client.uri ?? null)) changes.clientUri = client.client_uri ?? null;
  }
  const grant = await ctx.grants.get(receipt.grant_id);
  if (grant && (grant.scope !== receipt.scope || canonicalJson(grant.authorization_details) !== canonicalJson(receipt.authorization_details))) {
    const scoped = scopedEntries(ctx.scopes, scopeTokens(grant.scope), grant.authorization_details);
    const now = DateTime.fromMillis(ctx.clock(), { zone: ctx.config.CDS_TIMEZONE });
    changes.access = { summaries: scoped.map(summaryOf), durations: durationStatements(scoped, now) };
  }
  const selections = await ctx.selections.get(receipt.grant_id);
  if (selections && canonicalJson(selections.sections) !== canonicalJson(receipt.selections)) {
    changes.resources = await ctx.describeResources(selections);
  }
  if (ctx.branding.termsUrl !== receipt.terms_url) changes.termsUrl = ctx.branding.termsUrl;
  return changes;
}

async function viewerIsOwner(ctx: ConsentContext, req: Request, receipt: Receipt): Promise<boolean> {
  const session = await ctx.sessions.load(req);
  return session?.customer?.customerId === receipt.customer_id;
}

/**
 * Authorization Receipts (§9.4): viewable by anyone with the random URL, customer data only for
 * the signed-in customer, revocation without signing in (confirmation step + CSRF token).
 */
export function receiptRoutes(ctx: ConsentContext): Router {
  const router = Router();
  const base = CONSENT_PATHS.receipts;

  router.get(`${base}/:receiptId`, async (req, res) => {
    const receipt = await ctx.receipts.get(req.params.receiptId);
    if (!receipt) return sendPage(res, 404, notFound(ctx));
    const [status, owner, changes, newer] = await Promise.all([
      statusOf(ctx, receipt.grant_id), viewerIsOwner(ctx, req, receipt), changesOf(ctx, receipt), ctx.receipts.supersededBy(receipt),
    ]);
    sendPage(res, 200, receiptPage({
      receipt, status, viewerIsOwner: owner, changes,
      loginUrl: `${CONSENT_PATHS.login}?return=${encodeURIComponent(receiptPath(receipt.receipt_id))}`,
      revokeUrl: `${receiptPath(receipt.receipt_id)}/revoke`,
      supersededBy: newer ? { url: receiptPath(newer.receipt_id), confirmationNumber: newer.confirmation_number } : undefined,
      timezone: ctx.config.CDS_TIMEZONE,
    }, ctx.branding));
  });

  router.get(`${base}/:receiptId/revoke`, async (req, res) => {
    const receipt = await ctx.receipts.get(req.params.receiptId);
    if (!receipt) return sendPage(res, 404, notFound(ctx));
    const status = await statusOf(ctx, receipt.grant_id);
    if (!status.grantsAccess) return seeOther(res, receiptPath(receipt.receipt_id));
    const session = await ctx.sessions.ensure(req, res);
    sendPage(res, 200, revokeConfirmPage({
      receipt, csrf: session.csrf, actionUrl: `${receiptPath(receipt.receipt_id)}/revoke`, receiptUrl: receiptPath(receipt.receipt_id),
    }, ctx.branding));
  });

  router.post(`${base}/:receiptId/revoke`, async (req, res) => {
    const receipt = await ctx.receipts.get(req.params.receiptId);
    if (!receipt) return sendPage(res, 404, notFound(ctx));
    if (!await sessionForPost(ctx.sessions, ctx.branding, req, res)) return;
    const grant = await ctx.grants.get(receipt.grant_id);
    if (grant && grantAccess(grant, ctx.clock()).hasAccess) {
      // Tokens re-check their Grant on every request, so the Client loses access with this write.
      await ctx.grants.update(grant, { status: 'revoked', enabled_scope: '', enabled_authorization_details: [] });
      ctx.log.info({ grant_id: grant.grant_id, receipt: receipt.confirmation_number }, 'grant revoked from its receipt');
    }
    seeOther(res, receiptPath(receipt.receipt_id));
  });

  router.get(CONSENT_PATHS.authorizations, async (req, res) => {
    const session = await ctx.sessions.load(req);
    if (!session?.customer) return seeOther(res, `${CONSENT_PATHS.login}?return=${encodeURIComponent(CONSENT_PATHS.authorizations)}`);
    const receipts = await ctx.receipts.forCustomer(session.customer.customerId);
    const rows = await Promise.all(receipts.map(async (receipt) => ({
      receipt, url: receiptPath(receipt.receipt_id), status: await statusOf(ctx, receipt.grant_id),
    })));
    sendPage(res, 200, myReceiptsPage(rows, {
      customerLabel: session.customer.username, csrf: session.csrf, logoutUrl: CONSENT_PATHS.logout, zone: ctx.config.CDS_TIMEZONE,
    }, ctx.branding));
  });

  return router;
}
