import { byIdLoader, loadPresent } from '../shared';
import type { EacRegistry } from './registry';
import { toCertificate } from './translate';
import type { EnergyAttributeCertificate } from './types';

const PER_PAGE = 100;

/** Per-request state of the eacs subgraph: certificates by id, batched into one registry call per 100 ids. */
export function createEacsContext(registry: EacRegistry) {
  // Ids are unique, so one page of up to 100 holds every match of up to 100 ids.
  const byId = byIdLoader(async (ids) => {
    const chunks = [];
    for (let i = 0; i < ids.length; i += PER_PAGE) chunks.push(ids.slice(i, i + PER_PAGE));
    const pages = await Promise.all(chunks.map((chunk) => registry.certificates({ certificate_id: chunk.join(',') }, { position: null, limit: PER_PAGE })));
    return pages.flatMap((p) => p.nodes.map((c) => toCertificate(c, registry, p.receivedAt)));
  }, (c: EnergyAttributeCertificate) => c.id);
  return { registry, certificates: (ids: readonly string[]) => loadPresent(byId, ids) };
}

export type EacsContext = ReturnType<typeof createEacsContext>;
