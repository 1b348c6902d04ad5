/** Where the customer pages live (relative to PUBLIC_URL). */
export const CONSENT_PATHS = {
  login: '/consent/login',
  logout: '/consent/logout',
  /** The signed-in customer's receipts (§9.1.1: reachable from their authenticated interface). */
  authorizations: '/consent/authorizations',
  /** The `cds_test_accounts` page (WG1 §3.2). */
  testAccounts: '/test-accounts',
  /** `/receipts/<random id>` (§9.4). */
  receipts: '/receipts',
  /**
   * The Server-created redirect_uri of every code-flow Client (cds-wg1-02 §4.2): the receipt or the
   * Default Redirect Error (cds-wg3-01 §9.1.1, §9.3.3). Registration reads it through wg1Urls.
   */
  defaultRedirect: '/oauth/default-redirect',
} as const;

export const receiptPath = (receiptId: string) => `${CONSENT_PATHS.receipts}/${receiptId}`;

/** Only our own pages are acceptable "come back here after signing in" targets (no open redirect). */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return /^\/(receipts\/[0-9a-f]{32}|consent\/authorizations)$/.test(value) ? value : null;
}
