import type { DataItem } from '../wording/data';
import type { PurposeView, SelectionType } from '../form/view';
import type { SectionSelection } from '../grantSelections';

/** One resource the customer selected, as the form showed it. */
export interface ReceiptResource {
  id: string;
  title: string;
  lines: string[];
}

/** A Request Section as approved: the words the customer saw, frozen at approval (§9.4). */
export interface ReceiptSection {
  heading: string;
  scopeIds: string[];
  summaries: string[];
  items: DataItem[];
  durations: string[];
  /** Absent for a scope without a Selection. */
  selection?: {
    type: SelectionType;
    noun: string;
    /** Customer data: shown only to the signed-in customer. */
    resources: ReceiptResource[];
    /** Every listed resource was selected (MAY be shown as "all"). */
    all: boolean;
    /** Future additions are included (MUST be shown). */
    includeFuture: boolean;
  };
  /** A copy of the Purpose as shown; never reloaded from the Client (§9.4). */
  purpose?: PurposeView;
}

/** The Authorization Receipt (cds-wg3-01 §9.4). */
export interface Receipt {
  /** The random URL token, unrelated to the confirmation number. */
  receipt_id: string;
  confirmation_number: string;
  grant_id: string;
  customer_id: string;
  created: string;
  client: { client_id: string; name: string; uri?: string };
  /** Scope and authorization details of the Grant as approved. */
  scope: string;
  authorization_details: Record<string, unknown>[];
  sections: ReceiptSection[];
  /** The selections recorded in the Grant at approval, to detect later changes. */
  selections: SectionSelection[];
  terms_url: string;
}
