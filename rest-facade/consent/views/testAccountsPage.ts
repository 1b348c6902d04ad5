import type { Branding } from '../branding';
import { html, type SafeHtml } from '../html';
import { layout } from './layout';

export interface TestAccountView {
  username: string;
  password: string;
  description: string;
}

/** The `cds_test_accounts` page (WG1 §3.2): fictional customers sandbox Clients can test with. */
export function testAccountsPage(accounts: TestAccountView[], branding: Branding): SafeHtml {
  const body = html`<p>These fictional customers exist only in the demonstration data. Apps registered in
<strong>sandbox</strong> mode can only be approved by them; apps in production mode cannot be approved by them.
The list is also available as JSON: request this page with <code>Accept: application/json</code>.</p>
<div class="table-wrap">
<table>
  <caption class="visually-hidden">Test accounts</caption>
  <thead><tr><th scope="col">Username</th><th scope="col">Password</th><th scope="col">What this customer has</th></tr></thead>
  <tbody>
  ${accounts.map((a) => html`<tr><td><code>${a.username}</code></td><td><code>${a.password}</code></td><td>${a.description}</td></tr>`)}
  </tbody>
</table>
</div>`;
  return layout({ title: 'Test accounts', heading: 'Test accounts for app developers', body, branding, page: 'test-accounts' });
}
