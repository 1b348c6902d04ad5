import type { Branding } from '../branding';
import type { FormView, PurposeView, RequestSectionView, SelectionView } from '../form/view';
import { flag, html, type SafeHtml } from '../html';
import { csrfField, dataDetails, errorSummary, externalLink } from './parts';
import { layout } from './layout';

/** Above this many entries a Selection gets search, a live count and hide-unselected (§9.2.3). */
export const LONG_LIST = 10;

function matches(entry: { searchText: string }, search: string): boolean {
  return search === '' || entry.searchText.includes(search.trim().toLowerCase());
}

function selectionComponent(section: RequestSectionView): SafeHtml {
  const s: SelectionView | undefined = section.selection;
  if (!s) return html``;
  const k = section.key;
  const selected = s.entries.filter((e) => e.selected).length;
  const long = s.entries.length > LONG_LIST;

  if (!s.editable) {
    // §9.2.3.5: the aggregation consent list is shown, not chosen.
    return html`<div class="component selection-component">
  <p class="component-label">${s.legend}</p>
  <ul class="entry-list${long ? ' scrolling' : ''}" tabindex="${long ? '0' : '-1'}" aria-label="${s.legend}">
    ${s.entries.map((e) => html`<li class="entry-static"><span class="entry-title">${e.title}</span>
      ${e.lines.map((l) => html`<span class="entry-meta">${l}</span>`)}
      ${e.children.map((c) => html`<span class="entry-children">${c}</span>`)}</li>`)}
  </ul>
</div>`;
  }

  const tools = html`<div class="selection-tools no-print">
    ${long ? html`<div class="search">
      <label for="search-${k}">Search ${s.noun}</label>
      <input type="search" id="search-${k}" name="search:${k}" value="${s.search}" data-search-input>
    </div>
    <button type="submit" class="small" name="action" value="search:${k}" data-search-button>Search</button>` : ''}
    <button type="submit" class="small" name="action" value="select_all:${k}" data-select-all>Select all ${s.noun}</button>
    <button type="submit" class="small" name="action" value="deselect_all:${k}" data-deselect-all>Deselect all ${s.noun}</button>
    ${long ? html`<button type="submit" class="small" name="action" value="toggle_hidden:${k}" data-toggle-hidden aria-pressed="${s.hideUnselected ? 'true' : 'false'}">${s.hideUnselected ? 'Show all' : 'Show selected only'}</button>
    <input type="hidden" name="hide:${k}" value="${s.hideUnselected ? '1' : ''}" data-hide-state>` : ''}
  </div>`;

  return html`<div class="component selection-component">
<fieldset class="selection${s.error ? ' has-error' : ''}" data-selection="${k}" ${s.error ? html`aria-describedby="error-${k}"` : ''}>
  <legend>${s.legend}</legend>
  ${s.error ? html`<p class="field-error" id="error-${k}">${s.error}</p>` : ''}
  ${tools}
  <p class="selected-count" aria-live="polite" data-count data-noun="${s.noun}">${selected} of ${s.entries.length} ${s.noun} selected</p>
  <ul class="entry-list${long ? ' scrolling' : ''}" ${long ? html`tabindex="0" aria-label="${s.noun}"` : ''}>
    ${s.entries.map((e, i) => {
      const hidden = !matches(e, s.search) || (s.hideUnselected && !e.selected);
      return html`<li class="entry"${flag('hidden', hidden)} data-entry data-search="${e.searchText}">
      <input type="checkbox" id="sel-${k}-${i}" name="select:${k}" value="${e.id}"${flag('checked', e.selected)}>
      <label for="sel-${k}-${i}"><span class="entry-title">${e.title}</span>
        ${e.lines.map((l) => html`<span class="entry-meta">${l}</span>`)}
        ${e.children.map((c) => html`<span class="entry-children">${c}</span>`)}
      </label>
    </li>`;
    })}
    ${s.includeFuture ? html`<li class="entry future" data-future>
      <input type="checkbox" id="future-${k}" name="future:${k}" value="1"${flag('checked', s.includeFuture.selected)}>
      <label for="future-${k}">${s.includeFuture.label}</label>
    </li>` : ''}
  </ul>
</fieldset>
</div>`;
}

function purposeComponent(p: PurposeView): SafeHtml {
  // §9.2.2.4: content as text only, in a block of at most 10 lines that scrolls.
  return html`<div class="component purpose-component">
  <p class="component-label">For this purpose:</p>
  ${p.writtenBy ? html`<p class="purpose-author">Written by ${p.writtenBy}:</p>` : ''}
  <div class="purpose-content" tabindex="0" role="region" aria-label="Purpose">${p.content}${p.related ? html`
${externalLink(p.related.uri, p.related.name)}` : ''}</div>
</div>`;
}

function requestSection(section: RequestSectionView, index: number, count: number): SafeHtml {
  const k = section.key;
  return html`<section class="request-section${section.removed ? ' is-removed' : ''}" aria-labelledby="heading-${k}" data-section="${k}">
  <h2 id="heading-${k}">${count > 1 ? `Request ${index + 1} of ${count}: ` : ''}${section.heading}</h2>
  ${section.removable ? html`<input type="hidden" name="removed:${k}" value="${section.removed ? '1' : ''}" data-removed-state>
  <p class="section-removed-note notice">You chose not to share this. <button type="submit" class="link-button" name="action" value="restore:${k}" data-restore>Undo</button></p>` : ''}
  <div class="section-body">
    <div class="component data-component">
      <p class="component-label">${section.summaries.length > 1 ? 'This includes:' : 'What will be shared:'}</p>
      <ul>${section.summaries.map((s) => html`<li>${s}</li>`)}</ul>
      ${dataDetails(section.items)}
    </div>
    <div class="component duration-component">
      <p class="component-label">For how long:</p>
      <ul>${section.durations.map((d) => html`<li>${d}</li>`)}</ul>
    </div>
    ${selectionComponent(section)}
    ${section.purpose ? purposeComponent(section.purpose) : ''}
    ${section.removable ? html`<p class="no-print"><button type="submit" class="small" name="action" value="remove:${k}" data-remove>Don't share this part</button></p>` : ''}
  </div>
</section>`;
}

/** The Authorization Form (§9.2.1): Header, Requester, Requests Container, Closing, Approval, Footer. */
export function formPage(view: FormView, branding: Branding): SafeHtml {
  const count = view.sections.length;
  const body = html`
${errorSummary(view.errors)}
${view.sandbox ? html`<p class="notice">This app is in testing mode: only test accounts can approve it, and only test data is shared.</p>` : ''}
<form method="post" action="${view.actionUrl}" class="consent-form" data-consent-form novalidate>
  ${csrfField(view.csrf)}
  <!-- Pressing Enter in a search box refreshes the list instead of approving. -->
  <button type="submit" name="action" value="refresh" class="visually-hidden" tabindex="-1">Update the form</button>
  <section class="requester" aria-label="Who is asking">
    <p>${view.client.uri ? externalLink(view.client.uri, view.client.name) : html`<strong>${view.client.name}</strong>`}
    is asking for your permission to access the following information from your utility accounts.</p>
  </section>
  <div class="requests">
    ${view.sections.map((s, i) => requestSection(s, i, count))}
  </div>
  <section class="closing" aria-labelledby="closing-heading">
    <h2 id="closing-heading">Before you decide</h2>
    <p>When you approve, you agree to our ${externalLink(view.termsUrl, 'terms of service')} for sharing your data.
    You will get a receipt, and you can revoke this access at any time from it.</p>
  </section>
  <div class="approval" role="group" aria-label="Your decision">
    <button type="submit" class="primary" name="action" value="approve">Approve</button>
    <button type="submit" name="action" value="decline">Decline</button>
  </div>
  <p class="approval-note">Approve shares the information above with ${view.client.name}. Decline shares nothing and takes you back to ${view.client.name}.</p>
</form>`;
  // §9.2.1.7: re-authenticate as another account and come back to this form.
  const footer = html`<div class="account-switch">Signed in as <strong>${view.customerLabel}</strong>.
  <form method="post" action="${view.actionUrl}">${csrfField(view.csrf)}<button type="submit" class="link-button" name="action" value="switch_account">Not you? Sign in as a different account</button></form></div>`;
  return layout({ title: 'Authorization request', heading: `${branding.name} authorization request`, body, footer, branding, page: 'form' });
}
