import { z } from 'zod';
import { getJson, setJson, type Store } from '../store';
import { SELECTION_TYPES, type SelectionRecord } from '../authorization-details';

/**
 * What the customer chose on the form, per Request Section, recorded as the Selection type used
 * (cds-wg3-01 §6: access follows the customer's choice over time, e.g. the meters under a selected
 * service contract after a meter swap). Consent-scope Grants must not echo preselection fields
 * (§6.1), so the choice lives beside the Grant, keyed by its id. The access resolver reads it.
 */
export const sectionSelectionSchema = z.object({
  /** Scope Description ids of the Request Section (merged scopes share one selection). */
  scopes: z.array(z.string()).min(1),
  /** The choice as the authorization-details engine records it (selection/selection.ts). */
  selection: z.object({
    type: z.enum(Object.keys(SELECTION_TYPES) as [keyof typeof SELECTION_TYPES]),
    selected: z.array(z.string()),
    include_future: z.boolean(),
    offered: z.array(z.string()),
  }) satisfies z.ZodType<SelectionRecord>,
});
export type SectionSelection = z.infer<typeof sectionSelectionSchema>;

export const grantSelectionRecordSchema = z.object({
  grant_id: z.string(),
  /** The customer whose objects the ids belong to (include_future follows this customer). */
  customer_id: z.string(),
  sections: z.array(sectionSelectionSchema),
  /** When the customer last approved (a Grant Authorization Request replaces the record). */
  approved: z.string(),
});
export type GrantSelectionRecord = z.infer<typeof grantSelectionRecordSchema>;

export class GrantSelections {
  constructor(private readonly store: Store) {}

  private key(grantId: string) {
    return `consent:grant-selections:${grantId}`;
  }

  async get(grantId: string): Promise<GrantSelectionRecord | null> {
    const raw = await getJson<unknown>(this.store, this.key(grantId));
    const parsed = grantSelectionRecordSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  async put(record: GrantSelectionRecord): Promise<void> {
    await setJson(this.store, this.key(record.grant_id), grantSelectionRecordSchema.parse(record));
  }
}
