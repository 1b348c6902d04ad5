import { html, type SafeHtml } from '../html';
import type { DataItem } from '../wording/data';
import type { ReadingKind } from '../wording/readings';

export const CSRF_FIELD = 'csrf_token';

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

/** A link that leaves our pages: new tab, no window.opener (§9.2, §9.2.1.2, §9.2.2.4). */
export function externalLink(href: string, text: string, rel = 'noopener'): SafeHtml {
  return html`<a href="${safeHref(href)}" target="_blank" rel="${rel}">${text}<span class="visually-hidden"> (opens in a new tab)</span></a>`;
}

/** Only http(s) URLs become links; anything else (javascript:, data:) is neutralised. */
export function safeHref(href: string): string {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '#';
  } catch {
    return '#';
  }
}

/** Errors at the top of a form, focusable so keyboard and screen-reader users land on them. */
export function errorSummary(errors: string[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="errors" role="alert" tabindex="-1" id="error-summary">
  <h2>Please check the form</h2>
  <ul>${errors.map((e) => html`<li>${e}</li>`)}</ul>
</div>`;
}

/**
 * The kinds of readings: one line per category; a category of several formats opens, without
 * JavaScript, onto their names and descriptions (§9.2.2.1: a short summary, the specifics on request).
 */
function readingKinds(kinds: ReadingKind[]): SafeHtml {
  return html`<ul class="reading-kinds">${kinds.map((k) => (k.formats.length === 1
    ? html`<li>${k.label}: <span class="reading-format example">${k.formats[0].name}</span></li>`
    : html`<li><details class="reading-kind"><summary>${k.label} <span class="example">(${k.formats.length} kinds)</span></summary>
      <ul>${k.formats.map((f) => html`<li><span class="reading-format">${f.name}</span>${f.description ? html`<span class="entry-meta">${f.description}</span>` : ''}</li>`)}</ul>
    </details></li>`))}</ul>`;
}

/** The Data Component's "See details" toggle (§9.2.2.1), on the form and on the receipt alike. */
export function dataDetails(items: DataItem[]): SafeHtml {
  if (items.length === 0) return html``;
  return html`<details class="data-details">
  <summary>See details</summary>
  <dl>${items.map((item) => html`<dt>${item.label}</dt>${'kinds' in item
    ? html`<dd>${readingKinds(item.kinds)}</dd>`
    : html`<dd class="example">For example: ${item.example}</dd>`}`)}</dl>
</details>`;
}
