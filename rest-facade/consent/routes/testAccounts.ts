import { Router } from 'express';
import type { ConsentContext } from '../context';
import { CONSENT_PATHS } from '../paths';
import { sendPage } from '../respond';
import { testAccountsPage } from '../views/testAccountsPage';

/**
 * The `cds_test_accounts` page published in the ASM (WG1 §3.2): HTML for developers, JSON
 * (`[{username, password, description}]`) for their test scripts when asked with Accept.
 */
export function testAccountsRoutes(ctx: ConsentContext): Router {
  const router = Router();
  router.get(CONSENT_PATHS.testAccounts, async (req, res) => {
    const accounts = await ctx.testAccounts.list();
    res.vary('Accept');
    if (req.accepts(['html', 'json']) === 'json') {
      res.setHeader('Cache-Control', 'no-store');
      return res.json(accounts.map(({ username, password, description }) => ({ username, password, description })));
    }
    sendPage(res, 200, testAccountsPage(accounts, ctx.branding));
  });
  return router;
}
