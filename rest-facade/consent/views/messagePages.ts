import type { Branding } from '../branding';
import { html, type SafeHtml } from '../html';
import { layout } from './layout';
import { csrfField } from './parts';

/** Invalid Request Error (§9.3.2): the link is broken and we cannot send the user back. */
export function invalidRequestPage(reason: string, branding: Branding): SafeHtml {
  const body = html`<div class="notice warn" role="alert">
  <h2>This authorization link does not work</h2>
  <p>The link that brought you here is missing information or has information we cannot accept, so this request cannot be completed.</p>
  <p>Please contact the website or app that gave you this link and let them know the link is not valid.</p>
</div>
<details class="data-details"><summary>Technical details</summary><p><code>${reason}</code></p></details>`;
  return layout({ title: 'Invalid authorization request', heading: 'Authorization request error', body, branding, page: 'invalid-request' });
}

/** Default Redirect Error (§9.3.3): the outcome page when the app chose the server's own redirect. */
export function defaultRedirectErrorPage(error: string, description: string | undefined, branding: Branding): SafeHtml {
  const body = error === 'access_denied'
    ? html`<div class="notice ok" role="status">
  <h2>You declined the request</h2>
  <p>Nothing was shared. This page confirms that you declined the authorization request.</p>
</div>`
    : html`<div class="notice warn" role="alert">
  <h2>The request could not be completed</h2>
  <p>${explainError(error)}${description ? html` (${description})` : ''}</p>
  <p>Please contact the website or app that gave you the link to this request and let them know it could not be completed.</p>
  <p class="example">Error code: <code>${error}</code></p>
</div>`;
  return layout({ title: error === 'access_denied' ? 'Request declined' : 'Request not completed', heading: 'Authorization request', body, branding, page: 'default-redirect-error' });
}

const EXPLANATIONS: Record<string, string> = {
  invalid_scope: 'The request asked for a kind of access that this app is not allowed to ask for.',
  invalid_authorization_details: 'The request asked for access in a way we cannot accept.',
  invalid_request: 'The request was missing information or had information we cannot accept.',
  unauthorized_client: 'This app is not allowed to make this kind of request.',
  unsupported_response_type: 'The request asked for a kind of answer we do not support.',
  server_error: 'Something went wrong on our side.',
  temporarily_unavailable: 'Our systems are busy or under maintenance right now.',
  cds_grant_id_invalid_value: 'The request refers to an existing authorization that does not match it.',
  cds_grant_id_invalid_user: 'The request refers to an authorization that belongs to a different account.',
};

function explainError(error: string): string {
  return EXPLANATIONS[error] ?? 'The request could not be completed.';
}

export interface PreselectionErrorView {
  clientName: string;
  /** The requested resources in customer terms, e.g. "Accounts: 111111, 222222". */
  requested: string[];
  actionUrl: string;
  csrf: string;
}

/** Preselection Error (§9.3.1): decline, or sign in as a different customer. */
export function preselectionErrorPage(view: PreselectionErrorView, branding: Branding): SafeHtml {
  const body = html`<div class="notice warn" role="alert">
  <h2>We could not find what ${view.clientName} asked for</h2>
  <p><strong>${view.clientName}</strong> asked for access to the following, but we could not find it under the account you are signed in with:</p>
  <ul>${view.requested.map((r) => html`<li>${r}</li>`)}</ul>
</div>
<form method="post" action="${view.actionUrl}">
  ${csrfField(view.csrf)}
  <div class="approval">
    <button type="submit" class="primary" name="action" value="switch_account">Sign in as a different account</button>
    <button type="submit" name="action" value="decline_preselection">Decline the request</button>
  </div>
  <p class="approval-note">Decline shares nothing and takes you back to ${view.clientName}.</p>
</form>`;
  return layout({ title: 'Requested items not found', heading: 'Authorization request', body, branding, page: 'preselection-error' });
}

/** A plain message page (expired requests, already-submitted forms, lockouts). */
export function messagePage(
  o: { title: string; message: SafeHtml | string; page: string; tone?: 'ok' | 'warn'; heading?: string },
  branding: Branding,
): SafeHtml {
  const body = html`<div class="notice ${o.tone ?? ''}" role="${o.tone === 'warn' ? 'alert' : 'status'}">
  <h2>${o.title}</h2>
  <p>${o.message}</p>
</div>`;
  return layout({ title: o.title, heading: o.heading ?? 'Authorization request', body, branding, page: o.page });
}
