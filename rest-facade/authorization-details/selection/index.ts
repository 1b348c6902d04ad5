/**
 * Selections, preselections and visibility as pure functions over a Customer graph
 * (cds-wg3-01 §6, §7.1, §7.2, §7.3, §9.2.3). The consent pages and the access resolver fill the
 * graph; nothing here does I/O.
 */
export type {
  CustomerGraph, GraphAccount, GraphServiceContract, GraphServicePoint, GraphMeterDevice, GraphInstallation,
  GraphAggregation, GraphIndex,
} from './customerGraph';
export { indexGraph, installedAt } from './customerGraph';
export {
  normalizeAtypical, normalizeTypical, normalizeServerAddress, matchAddresses, addressDocumentation, US_LOCALE,
  type AddressLocale, type GraphAddress,
} from './addresses';
export { fieldMatches, intersectMatches, preselect, needsPreselectionError, type Preselection, type MatchOptions } from './preselection';
export {
  selectionEntries, recordSelection, selectedIds, offersIncludeFuture, type SelectionEntry, type SelectionRecord,
} from './selection';
export {
  entryVisibility, grantVisibility, type EntryVisibility, type GrantVisibility, type ScopedId, type UsageCondition,
  type VisibilityOptions,
} from './visibility';
export type { Period } from './periods';
