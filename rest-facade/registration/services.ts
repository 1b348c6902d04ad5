import type { RequestHandler } from 'express';
import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import type { FacadeContext } from '../app';
import { loadWg1Settings, type Wg1Settings } from '../metadata/settings';
import { wg1Urls, type Wg1Urls } from '../metadata/urls';
import type { RequireTokenOptions } from '../oauth';
import type { ScopeRegistry } from '../scopes';
import type { Clock } from './clock';
import type { Wg1Repositories } from './repositories';

/** Everything the cds-wg1 routers (metadata, registration, management APIs, admin) are built from. */
export interface Wg1Services {
  config: Config;
  log: Logger;
  clock: Clock;
  settings: Wg1Settings;
  urls: Wg1Urls;
  scopes: ScopeRegistry;
  repos: Wg1Repositories;
  requireToken: (options?: RequireTokenOptions) => RequestHandler;
  /** Listing page size (≤ 100, A39). */
  pageSize: number;
}

const built = new WeakMap<FacadeContext, Wg1Services>();

/** The cds-wg1 view of the facade context, built once per facade. */
export function wg1Services(context: FacadeContext): Wg1Services {
  let services = built.get(context);
  if (!services) {
    services = {
      config: context.config,
      log: context.log,
      clock: context.clock,
      settings: loadWg1Settings(context.config.CDS_SETTINGS_FILE),
      urls: wg1Urls(context.config.PUBLIC_URL),
      scopes: context.scopes,
      repos: context.repos,
      requireToken: (options) => context.oauth.requireToken(options),
      pageSize: context.config.CDS_PAGE_SIZE,
    };
    built.set(context, services);
  }
  return services;
}
