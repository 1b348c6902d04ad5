import { html, type SafeHtml } from '../html';

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
