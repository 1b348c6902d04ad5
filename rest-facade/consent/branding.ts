/** Who the customer pages speak for (§9.2.1.1, §9.4: the receipt is branded like the form). */
export interface Branding {
  /** The utility (or the entity the pages are branded for). */
  name: string;
  supportUrl: string;
  termsUrl: string;
  privacyUrl: string;
  /** Where consent.css, consent.js and the logo are served. */
  assetsPath: string;
}

/** The demo utility's branding; a deployment passes its own name and links. */
export const DEFAULT_BRANDING = (publicUrl: string): Branding => ({
  name: 'Demo Utility',
  supportUrl: `${publicUrl}/docs/support`,
  termsUrl: `${publicUrl}/docs/terms`,
  privacyUrl: `${publicUrl}/docs/privacy`,
  assetsPath: '/consent/assets',
});
