import type { SelectionType } from '../../authorization-details';
import type { DataItem } from '../wording/data';

/** The five Selections of cds-wg3-01 §9.2.3 (Choice ids of `authorization_form_selection_type`). */
export type { SelectionType };

export interface SelectionEntryView {
  /** The object's id; what the form posts. */
  id: string;
  /** The number the customer knows it by, e.g. "Account 4815-1623". */
  title: string;
  /** Further required facts (display name, address, types, account). */
  lines: string[];
  /** Objects shared through this entry, e.g. the meters under a service (§6.1.6). */
  children: string[];
  /** Lower-cased text the search matches (the fields §9.2.3 names for this Selection). */
  searchText: string;
  selected: boolean;
}

export interface SelectionView {
  type: SelectionType;
  /** "For these accounts:" */
  legend: string;
  /** Plural noun used in counts and buttons, e.g. "accounts". */
  noun: string;
  /** false only for the aggregation consent list (§9.2.3.5), which is shown, not chosen. */
  editable: boolean;
  entries: SelectionEntryView[];
  /** The "include future" option (Account and Service Contract Selections). */
  includeFuture?: { label: string; selected: boolean };
  /** Search text and hide-unselected state, kept across no-JavaScript round trips. */
  search: string;
  hideUnselected: boolean;
  error?: string;
}

export interface PurposeView {
  content: string;
  /** The Client's name when the Purpose was written by the Client (not a Server default). */
  writtenBy?: string;
  /** The Server reviewed and approved the content: only then may the receipt notification quote it (§9.4). */
  reviewed: boolean;
  related?: { uri: string; name: string };
}

export interface RequestSectionView {
  /** Stable key of the section within the request ("s0", "s1", …), used in form field names. */
  key: string;
  heading: string;
  scopeIds: string[];
  /** One summary per scope (a list when scopes are merged), details with example values. */
  summaries: string[];
  items: DataItem[];
  durations: string[];
  /** Absent for a scope without a Selection (no `authorization_form_selection_type`). */
  selection?: SelectionView;
  purpose?: PurposeView;
  /** `allow_scope_modifications` is true (and it is not the only section left). */
  removable: boolean;
  removed: boolean;
}

export interface FormView {
  actionUrl: string;
  csrf: string;
  client: { name: string; uri?: string };
  customerLabel: string;
  sections: RequestSectionView[];
  errors: string[];
  termsUrl: string;
  /** Sandbox client: say so plainly. */
  sandbox: boolean;
}
