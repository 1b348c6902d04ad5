import type { Branding } from '../branding';
import { html, type SafeHtml } from '../html';
import { layout } from './layout';
import { csrfField, errorSummary } from './parts';

export interface LoginView {
  actionUrl: string;
  csrf: string;
  username: string;
  errors: string[];
  /** The app asking, when the login is part of an authorization request. */
  clientName?: string;
  /** Hidden fields that say where to go afterwards. */
  hidden: Record<string, string>;
  /** Cancelling ends the authorization request (§9.1.2: reported to the app as access_denied). */
  cancellable: boolean;
  testAccountsUrl?: string;
}

/** Customer authentication (§9.1.2) against the utility's online profiles. */
export function loginPage(view: LoginView, branding: Branding): SafeHtml {
  const body = html`
${errorSummary(view.errors)}
<p>${view.clientName
    ? html`Sign in with your ${branding.name} online account to review the request from <strong>${view.clientName}</strong>.`
    : html`Sign in with your ${branding.name} online account.`}</p>
<form method="post" action="${view.actionUrl}" class="login-form" data-consent-form>
  ${csrfField(view.csrf)}
  ${Object.entries(view.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
  <div class="field">
    <label for="username">Username</label>
    <input type="text" id="username" name="username" value="${view.username}" autocomplete="username" autocapitalize="none" spellcheck="false" required${view.errors.length ? html` aria-invalid="true" aria-describedby="error-summary"` : ''}>
  </div>
  <div class="field">
    <label for="password">Password</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required${view.errors.length ? html` aria-invalid="true" aria-describedby="error-summary"` : ''}>
  </div>
  <div class="approval">
    <button type="submit" class="primary" name="action" value="login">Sign in</button>
    ${view.cancellable ? html`<button type="submit" name="action" value="cancel" formnovalidate>Cancel and go back</button>` : ''}
  </div>
  ${view.cancellable ? html`<p class="approval-note">Cancel shares nothing and takes you back to ${view.clientName}.</p>` : ''}
</form>
${view.testAccountsUrl ? html`<p class="notice">This is a demonstration system. Use one of the <a href="${view.testAccountsUrl}" target="_blank" rel="noopener">test accounts<span class="visually-hidden"> (opens in a new tab)</span></a>.</p>` : ''}`;
  return layout({ title: 'Sign in', heading: 'Sign in', body, branding, page: 'login' });
}
