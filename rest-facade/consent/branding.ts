import type { Config } from '../../lib/config';
import { loadWg1Settings, wg1Urls } from '../metadata';
import { serverLinks } from '../metadata/documents';

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

export const ASSETS_PATH = '/consent/assets';

/**
 * The pages speak for the Server as its metadata names it (cds-wg1-01 §3.2: name, support, terms
 * and privacy links from the deployment's settings), so the form, the receipt and the metadata agree.
 */
export function brandingFromSettings(config: Pick<Config, 'PUBLIC_URL' | 'CDS_SETTINGS_FILE'>): Branding {
  const settings = loadWg1Settings(config.CDS_SETTINGS_FILE);
  const links = serverLinks(settings, wg1Urls(config.PUBLIC_URL));
  return {
    name: settings.server.name,
    supportUrl: links.support,
    termsUrl: links.op_tos_uri,
    privacyUrl: links.op_policy_uri,
    assetsPath: ASSETS_PATH,
  };
}
