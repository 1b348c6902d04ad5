import type { Access, IdSet } from '../access';
import { visibleIds } from '../access';

/**
 * Reference arrays (`current_*`, `previous_*`, `related_*`, `grouped_*`) list only ids the token may
 * see (cds-wg3-01 §10.x): the union of the id sets of the API that serves the referenced objects.
 */
export type ReferencedApi = 'accounts' | 'service_contracts' | 'service_points' | 'meter_devices' | 'aggregations';

export class VisibleReferences {
  private readonly sets = new Map<ReferencedApi, IdSet>();

  constructor(private readonly access: Access) {}

  private set(api: ReferencedApi): IdSet {
    let set = this.sets.get(api);
    if (!set) {
      set = visibleIds(this.access[api]);
      if (!set.all) set = { all: false, ids: set.ids };
      this.sets.set(api, set);
    }
    return set;
  }

  has(api: ReferencedApi, id: string): boolean {
    const set = this.set(api);
    return set.all || set.ids.includes(id);
  }

  /** The array kept to visible ids, without repeats. */
  keep(api: ReferencedApi, ids: readonly string[]): string[] {
    const set = this.set(api);
    const unique = [...new Set(ids)];
    if (set.all) return unique;
    const visible = new Set(set.ids);
    return unique.filter((id) => visible.has(id));
  }

  /** The visible ids of an API as a filter restriction (undefined = all). */
  restriction(api: ReferencedApi): string[] | undefined {
    const set = this.set(api);
    return set.all ? undefined : set.ids;
  }
}
