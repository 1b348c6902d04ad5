import type { EacPart } from '../../access';
import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, matchesNothing } from '../filters';
import { eacDataUrl } from '../linked';
import { listingOperation } from '../operation';
import { VisibleReferences } from '../references';
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
    const restricted = !parts.some((p) => p.beneficiaries.all);
    const granted = restricted
      ? parts.flatMap((p) => (p.beneficiaries.all ? [] : Object.values(p.beneficiaries).filter(Array.isArray).flat() as string[]))
      : undefined;
    // §7.2.9: a restricted Grant sees the `general` certificates too, in the same listing (one
    // stream keeps the §10.9.4 order). They name no beneficiary, so a `beneficiaries` filter never matches them.
    const includeGeneral = restricted && query.beneficiaries === undefined && parts.some((p) => p.general);
    const filter = {
      ids: query.cds_eac_ids,
      eacNumbers: query.eac_numbers,
      beneficiaries: intersect(query.beneficiaries, granted),
      includeGeneral,
      before: query.before,
      after: query.after,
    };
    if (matchesNothing(filter.ids, filter.eacNumbers, includeGeneral ? undefined : filter.beneficiaries)) return { streams: [] };
    return { streams: [{ variables: { filter } }] };
  },
  visibleThrough(node, parts) {
    return parts.filter((p) => {
      if (node.beneficiary_type === 'general') return p.general;
      const ok = allowed(p, node.beneficiary_type);
      return ok === true || node.beneficiaries.some((b) => ok.has(b));
    });
  },
  present(nodes, { parts, access, publicUrl }) {
    const refs = new VisibleReferences(access);
    // §10.9.2: only beneficiaries the token may see: Accounts and Service Contracts it sees; numbers
    // and codes its Grants name, or any while it sees every Account or Service Contract.
    const seen = (type: Typed, id: string) => {
      if (type === 'account') return refs.has('accounts', id);
      if (type === 'servicecontract') return refs.has('service_contracts', id);
      return refs.restriction(type === 'rateplan' ? 'service_contracts' : 'accounts') === undefined;
    };
    return nodes.map((n) => {
      const type = n.beneficiary_type;
      const beneficiaries = type === 'general' ? [] : n.beneficiaries.filter((b) => parts.some((p) => {
        const ok = allowed(p, type);
        return ok === true ? seen(type, b) : ok.has(b) && (type === 'account' || type === 'servicecontract' ? seen(type, b) : true);
      }));
      return { ...n, beneficiaries, eac_data_url: eacDataUrl(publicUrl, n.cds_eac_id) };
    });
  },
};
