import type { EacPart } from '../../access';
import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, matchesNothing } from '../filters';
import { eacDataUrl } from '../linked';
import { listingOperation } from '../operation';
import { listEacs } from '../schemas';

interface EacNode {
  cds_eac_id: string;
  beneficiary_type: 'customer' | 'account' | 'servicecontract' | 'rateplan' | 'program' | 'general';
  beneficiaries: string[];
}

type Typed = Exclude<EacNode['beneficiary_type'], 'general'>;

/** The beneficiaries of this type a part allows (§7.2.9); `true` = any. */
function allowed(part: EacPart, type: Typed): Set<string> | true {
  return part.beneficiaries.all ? true : new Set(part.beneficiaries[type]);
}

/** §10.9 Energy Attribute Certificates. */
export const eacs: CustomerDataEndpoint<'eacs', typeof listEacs.query, EacNode> = {
  listing: listEacs,
  api: 'eacs',
  operation: listingOperation<EacNode>('ListEacs'),
  ttlSeconds: 3600,
  optionalFields: [],
  plan({ query, parts }) {
    // The graph matches beneficiaries of any type; each certificate is then checked by its type.
    const beneficiaries = parts.some((p) => p.beneficiaries.all)
      ? undefined
      : parts.flatMap((p) => (p.beneficiaries.all ? [] : Object.values(p.beneficiaries).filter(Array.isArray).flat() as string[]));
    const filter = {
      ids: query.cds_eac_ids,
      eacNumbers: query.eac_numbers,
      beneficiaries: intersect(query.beneficiaries, beneficiaries),
      before: query.before,
      after: query.after,
    };
    if (matchesNothing(filter.ids, filter.eacNumbers, filter.beneficiaries)) return { streams: [] };
    return { streams: [{ variables: { filter } }] };
  },
  visibleThrough(node, parts) {
    return parts.filter((p) => {
      if (node.beneficiary_type === 'general') return p.general;
      const ok = allowed(p, node.beneficiary_type);
      return ok === true || node.beneficiaries.some((b) => ok.has(b));
    });
  },
  present(nodes, { parts, publicUrl }) {
    return nodes.map((n) => {
      // §10.9.2: only beneficiaries the token may see.
      const sets = n.beneficiary_type === 'general' ? [] : parts.map((p) => allowed(p, n.beneficiary_type as Typed));
      const beneficiaries = sets.includes(true) ? n.beneficiaries : n.beneficiaries.filter((b) => sets.some((s) => s !== true && s.has(b)));
      return { ...n, beneficiaries, eac_data_url: eacDataUrl(publicUrl, n.cds_eac_id) };
    });
  },
};
