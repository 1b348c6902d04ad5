/**
 * Discovery: CDS Server Metadata and coverage (cds-wg1-01), Authorization Server Metadata
 * (cds-wg1-02 §3, RFC 8414).
 *
 *   createMetadataRouter(context)          GET /.well-known/cds-server-metadata.json, /cds-coverage.json,
 *                                          /.well-known/oauth-authorization-server, GeoJSON outlines
 *   loadWg1Settings(file?): Wg1Settings    server identity, coverage, scopes and registration fields
 *   wg1Urls(publicUrl) / PATHS             the URL map
 */
export { authorizationServerMetadata, capabilities, coverageEntry, serverMetadata } from './documents';
export { createMetadataRouter } from './router';
export {
  CAPABILITY_ROLES, COMMODITY_TYPES, COVERAGE_TYPES, DEMO_COVERAGE_IDS, INFRASTRUCTURE_TYPES,
  defaultWg1Settings, loadWg1Settings, wg1SettingsSchema, type CoverageSetting, type Wg1Settings,
} from './settings';
export { PATHS, wg1Urls, type Wg1Urls } from './urls';
