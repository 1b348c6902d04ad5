import { html, type SafeHtml } from '../html';
import type { Branding } from '../branding';

export interface PageOptions {
  title: string;
  branding: Branding;
  /** The page heading under the brand name (the §9.2.1.1 title). */
  heading: string;
  body: SafeHtml;
  /** Small print under the main content (support, terms). */
  footer?: SafeHtml;
  /** Status class on <body> so screenshots and tests can tell page states apart. */
  page: string;
}

/**
 * One layout for every customer page: brand header (§9.2.1.1, no site menus), one <main>,
 * a footer. No external resources: styles and the optional script are served by the facade.
 */
export function layout(o: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${o.title} – ${o.branding.name}</title>
<link rel="stylesheet" href="${o.branding.assetsPath}/consent.css">
<link rel="icon" href="${o.branding.assetsPath}/logo.svg" type="image/svg+xml">
<script src="${o.branding.assetsPath}/consent.js" defer></script>
</head>
<body class="page-${o.page}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="brand" role="banner">
  <img class="brand-logo" src="${o.branding.assetsPath}/logo.svg" alt="" width="40" height="40">
  <div>
    <p class="brand-name">${o.branding.name}</p>
    <h1 class="page-title">${o.heading}</h1>
  </div>
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
<footer class="site-footer" role="contentinfo">
${o.footer ?? ''}
<p class="help-links">
  <a href="${o.branding.supportUrl}" target="_blank" rel="noopener">Contact support</a>
  <span aria-hidden="true">·</span>
  <a href="${o.branding.termsUrl}" target="_blank" rel="noopener">Terms of service</a>
  <span aria-hidden="true">·</span>
  <a href="${o.branding.privacyUrl}" target="_blank" rel="noopener">Privacy policy</a>
</p>
</footer>
</body>
</html>`;
}
