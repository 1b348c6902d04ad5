import type { Response } from 'express';
import type { SafeHtml } from './html';

/**
 * Headers for every customer page: no caching (pages carry personal data and CSRF tokens), no
 * framing (clickjacking on the Approve button), no referrer (a receipt URL must not leak to the
 * sites it links to), and a CSP that allows only our own scripts and styles.
 */
export function pageHeaders(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  // No form-action: approving redirects the browser on to the Client's redirect_uri.
  res.setHeader('Content-Security-Policy',
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'");
}

export function sendPage(res: Response, status: number, page: SafeHtml): void {
  pageHeaders(res);
  res.status(status).type('html').send(page.value);
}

/** After a POST: 303 so the browser follows with a GET and a reload never re-submits. */
export function seeOther(res: Response, location: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(303, location);
}
