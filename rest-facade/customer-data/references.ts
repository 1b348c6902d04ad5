import type { Access, IdSet } from '../access';
import { visibleIds } from '../access';

/**
 * Reference arrays (`current_*`, `previous_*`, `related_*`, `grouped_*`) list only ids the token may
 * see (cds-wg3-01 §10.x): the union of the id sets of the API that serves the referenced objects.
 */
export type ReferencedApi = 'accounts' | 'service_contracts' | 'service_points' | 'meter_devices' | 'aggregations';

export class VisibleReferences {
  private readonly sets = new Map<ReferencedApi, Set<string> | null>();

  constructor(private readonly access: Access) {}

  /** The ids the token sees through `api` (null = every object within its base permission). */
  private visible(api: ReferencedApi): Set<string> | null {
    let set = this.sets.get(api);
    if (set === undefined) {
      const ids: IdSet = visibleIds(this.access[api]);
      set = ids.all ? null : new Set(ids.ids);
      this.sets.set(api, set);
    }
    return set;
  }

  has(api: ReferencedApi, id: string): boolean {
    const set = this.visible(api);
    return set === null || set.has(id);
  }

  /** The array kept to visible ids, without repeats. */
  keep(api: ReferencedApi, ids: readonly string[]): string[] {
    const set = this.visible(api);
    const unique = [...new Set(ids)];
    return set === null ? unique : unique.filter((id) => set.has(id));
  }

  /** The visible ids of an API as a filter restriction (undefined = all). */
  restriction(api: ReferencedApi): string[] | undefined {
    const set = this.visible(api);
    return set === null ? undefined : [...set];
  }
}
