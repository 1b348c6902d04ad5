import { DateTime } from 'luxon';
import type { Branding } from '../branding';
import { html, type SafeHtml } from '../html';
import type { Receipt, ReceiptResource, ReceiptSection } from '../receipts/receipt';
import { layout } from './layout';
import { csrfField, dataDetails, externalLink } from './parts';

export interface GrantStatusView {
  status: string;
  words: string;
  /** The Grant currently lets the Client access data: offer revocation. */
  grantsAccess: boolean;
}

/** What differs now from the receipt (§9.4: show the current value next to the approved one). */
export interface ReceiptChanges {
  clientName?: string;
  clientUri?: string | null;
  /** The access as it is now, in the same words, when scope or details changed. */
  access?: { summaries: string[]; durations: string[] };
  /** The resources covered now, when they differ from the approved selection. */
  resources?: ReceiptResource[];
  termsUrl?: string;
}

export interface ReceiptView {
  receipt: Receipt;
  status: GrantStatusView;
  /** The signed-in customer owns this receipt: customer data may be shown. */
  viewerIsOwner: boolean;
  loginUrl: string;
  revokeUrl: string;
  changes: ReceiptChanges;
  supersededBy?: { url: string; confirmationNumber: string };
  timezone: string;
}

/** A moment in the customer's words, machine-readable too. */
function when(iso: string, zone: string): SafeHtml {
  return html`<time datetime="${iso}">${DateTime.fromISO(iso).setZone(zone).toFormat("LLLL d, yyyy 'at' h:mm a ZZZZ")}</time>`;
}

function resourceList(section: ReceiptSection, view: ReceiptView): SafeHtml {
  const sel = section.selection;
  if (!sel) return html``;
  const future = sel.includeFuture ? html`<li>Future additions: any ${sel.noun} you add later are included.</li>` : '';
  if (!view.viewerIsOwner) {
    // §9.4: customer data stays hidden from viewers who are not signed in as the customer.
    return html`<p>The ${sel.noun} you selected are hidden to protect your information.
      <a href="${view.loginUrl}">Sign in to see them</a>.</p>${sel.includeFuture ? html`<ul>${future}</ul>` : ''}`;
  }
  return html`<ul>
    ${sel.all && sel.resources.length > 1 ? html`<li>All of your ${sel.noun}:</li>` : ''}
    ${sel.resources.map((r) => html`<li><strong>${r.title}</strong>${r.lines.length ? html` — ${r.lines.join(' · ')}` : ''}</li>`)}
    ${future}
  </ul>`;
}

function sectionBlock(section: ReceiptSection, view: ReceiptView): SafeHtml {
  return html`<section class="request-section" aria-label="${section.heading}">
  <h3>${section.heading}</h3>
  <p class="component-label">What is shared:</p>
  <ul>${section.summaries.map((s) => html`<li>${s}</li>`)}</ul>
  ${dataDetails(section.items)}
  <p class="component-label">For how long:</p>
  <ul>${section.durations.map((d) => html`<li>${d}</li>`)}</ul>
  ${section.selection ? html`<p class="component-label">For these ${section.selection.noun}:</p>` : ''}
  ${resourceList(section, view)}
  ${section.purpose ? html`<p class="component-label">For this purpose:</p>
    ${section.purpose.writtenBy ? html`<p class="purpose-author">Written by ${section.purpose.writtenBy}:</p>` : ''}
    <div class="purpose-content" tabindex="0" role="region" aria-label="Purpose">${section.purpose.content}${section.purpose.related ? html`
${externalLink(section.purpose.related.uri, section.purpose.related.name, 'noopener nofollow')}` : ''}</div>` : ''}
</section>`;
}

function changesBlock(view: ReceiptView): SafeHtml {
  const c = view.changes;
  const r = view.receipt;
  const rows: SafeHtml[] = [];
  if (c.clientName !== undefined) rows.push(html`<li>The app's name changed from <span class="old-value">${r.client.name}</span> to <strong>${c.clientName}</strong>.</li>`);
  if (c.clientUri !== undefined) {
    rows.push(html`<li>The app's website changed from <span class="old-value">${r.client.uri ?? 'none'}</span> to
      ${c.clientUri ? externalLink(c.clientUri, c.clientUri, 'noopener nofollow') : html`<strong>none</strong>`}.</li>`);
  }
  if (c.access) {
    rows.push(html`<li>The access changed. It now covers: <ul>${c.access.summaries.map((s) => html`<li>${s}</li>`)}</ul>
      For how long: <ul>${c.access.durations.map((d) => html`<li>${d}</li>`)}</ul></li>`);
  }
  if (c.resources) {
    rows.push(view.viewerIsOwner
      ? html`<li>The selected items changed. Now covered: <ul>${c.resources.map((x) => html`<li><strong>${x.title}</strong>${x.lines.length ? html` — ${x.lines.join(' · ')}` : ''}</li>`)}</ul></li>`
      : html`<li>The selected items changed. <a href="${view.loginUrl}">Sign in to see them</a>.</li>`);
  }
  if (c.termsUrl !== undefined) rows.push(html`<li>The terms changed: see the ${externalLink(c.termsUrl, 'current terms of service')}.</li>`);
  if (rows.length === 0) return html``;
  return html`<section class="changed" aria-labelledby="changes-heading"><h2 id="changes-heading">Changes since you approved</h2><ul>${rows}</ul></section>`;
}

/** The Authorization Receipt page (§9.4); reachable without signing in, never indexed. */
export function receiptPage(view: ReceiptView, branding: Branding): SafeHtml {
  const r = view.receipt;
  const body = html`
${view.supersededBy ? html`<p class="notice warn" role="status">This receipt has been replaced by a newer one:
  <a href="${view.supersededBy.url}">receipt <span class="confirmation-number">${view.supersededBy.confirmationNumber}</span></a>.</p>` : ''}
<dl class="receipt-facts">
  <dt>Confirmation number</dt><dd><strong class="confirmation-number">${r.confirmation_number}</strong></dd>
  <dt>Approved on</dt><dd>${when(r.created, view.timezone)}</dd>
  <dt>Status</dt><dd><span class="status status-${view.status.grantsAccess ? 'active' : 'ended'}" data-status="${view.status.status}">${view.status.words}</span></dd>
  <dt>Shared with</dt><dd>${r.client.uri ? externalLink(r.client.uri, r.client.name, 'noopener nofollow') : r.client.name}</dd>
</dl>
${changesBlock(view)}
<h2>What you approved</h2>
${r.sections.map((s) => sectionBlock(s, view))}
<p>You agreed to the ${externalLink(r.terms_url, 'terms of service')} when you approved.
Questions? ${externalLink(branding.supportUrl, 'Contact support')} and mention your confirmation number.</p>
<div class="approval no-print">
  ${view.status.grantsAccess ? html`<a class="button danger-link" href="${view.revokeUrl}">Revoke access</a>` : ''}
  <button type="button" data-print hidden>Print this receipt</button>
</div>
${view.status.grantsAccess ? html`<p class="approval-note">You can revoke at any time, without signing in. ${r.client.name} then immediately loses access.</p>` : ''}`;
  return layout({ title: `Receipt ${r.confirmation_number}`, heading: 'Authorization receipt', body, branding, page: 'receipt' });
}

/** The confirmation step before revoking (§9.4: works without signing in; protected by CSRF). */
export function revokeConfirmPage(view: { receipt: Receipt; csrf: string; actionUrl: string; receiptUrl: string }, branding: Branding): SafeHtml {
  const body = html`<p>If you revoke this authorization, <strong>${view.receipt.client.name}</strong> immediately loses access to
the information you shared (receipt <strong class="confirmation-number">${view.receipt.confirmation_number}</strong>). This cannot be undone; the app would have to ask you again.</p>
<form method="post" action="${view.actionUrl}" data-consent-form>
  ${csrfField(view.csrf)}
  <div class="approval">
    <button type="submit" class="danger" name="action" value="revoke">Yes, revoke access</button>
    <a class="button" href="${view.receiptUrl}">No, keep it</a>
  </div>
</form>`;
  return layout({ title: 'Revoke access', heading: 'Revoke access?', body, branding, page: 'revoke-confirm' });
}

/** The signed-in customer's authorizations, newest first (§9.1.1: receipts reachable from their profile). */
export function myReceiptsPage(
  receipts: { url: string; receipt: Receipt; status: GrantStatusView }[],
  o: { customerLabel: string; csrf: string; logoutUrl: string; zone: string },
  branding: Branding,
): SafeHtml {
  const zone = o.zone;
  const body = html`<p>Signed in as <strong>${o.customerLabel}</strong>. These are the apps you have given access to your information.</p>
${receipts.length === 0 ? html`<p>You have not approved any requests yet.</p>` : html`<div class="table-wrap"><table>
  <caption class="visually-hidden">Your authorizations</caption>
  <thead><tr><th scope="col">App</th><th scope="col">Approved on</th><th scope="col">Status</th><th scope="col">Receipt</th></tr></thead>
  <tbody>${receipts.map((x) => html`<tr><td>${x.receipt.client.name}</td><td>${when(x.receipt.created, zone)}</td>
    <td>${x.status.words}</td><td><a class="confirmation-number" href="${x.url}">${x.receipt.confirmation_number}</a></td></tr>`)}</tbody>
</table></div>`}
<form method="post" action="${o.logoutUrl}" class="no-print">${csrfField(o.csrf)}<button type="submit">Sign out</button></form>`;
  return layout({ title: 'Your authorizations', heading: 'Your authorizations', body, branding, page: 'my-receipts' });
}
