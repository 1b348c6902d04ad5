import type DataLoader from 'dataloader';
import type { CisAccount, CisGroup, CisServiceAgreement, CisServicePoint } from '../../legacy/cis/records';
import { loadPresent, once, rowGroupLoader, rowLoader, type Synced } from '../shared';
import type { CisClient } from './adapter/cis';
import { cisAccount, cisEntity, cisGroup, cisProgram, cisRateName, cisServiceAgreement, cisServicePoint } from './adapter/schemas';
import {
  servicePointAddress, toAccount, toAggregation, toServiceContract, toServicePoint, type AggregationLinks, type CisReferences,
} from './adapter/translate';
import type { Account } from './types/account';
import type { Aggregation } from './types/aggregation';
import type { ServiceContract } from './types/serviceContract';
import type { ServicePoint } from './types/servicePoint';

/**
 * Per-request state of the accounts subgraph: one DataLoader per CIS entity type, so every
 * relationship resolved in one query tick becomes one batched CIS call; nothing outlives the request.
 */
export function createAccountsContext(cis: CisClient, links: AggregationLinks) {
  const rows = {
    accounts: rowLoader((ids) => cis.lookup('accounts', 'ACCT_ID', ids, cisAccount), (r: CisAccount) => r.ACCT_ID),
    contracts: rowLoader((ids) => cis.lookup('service-agreements', 'SA_ID', ids, cisServiceAgreement), (r: CisServiceAgreement) => r.SA_ID),
    contractsByAccount: rowGroupLoader((ids) => cis.lookup('service-agreements', 'ACCT_ID', ids, cisServiceAgreement), (r: CisServiceAgreement) => [r.ACCT_ID]),
    servicePoints: rowLoader((ids) => cis.lookup('service-points', 'SP_ID', ids, cisServicePoint), (r: CisServicePoint) => r.SP_ID),
    groups: rowLoader((ids) => cis.lookup('groups', 'GRP_ID', ids, cisGroup), (r: CisGroup) => r.GRP_ID),
    groupsByMember: rowGroupLoader((ids) => cis.lookup('groups', 'MEMBER_SP_ID', ids, cisGroup), (r: CisGroup) => r.MEMBER_SP_IDS),
  };
  // Small catalogues: only when a field needs them; the CIS client keeps them for the process (CATALOGUE_TTL_MS).
  const references = once(async (): Promise<CisReferences> => {
    const [entities, programs] = await Promise.all([cis.catalogue('entities', cisEntity), cis.catalogue('programs', cisProgram)]);
    return {
      entities: new Map(entities.rows.map((e) => [e.ENTITY_ID, e])),
      programs: new Map(programs.rows.map((p) => [p.PROG_CD, p])),
    };
  });
  const rateNames = once(async () => new Map((await cis.catalogue('rates', cisRateName)).rows.map((r) => [r.RATE_CD, r.RATE_NAME])));

  const account = async ({ row, synced }: Synced<CisAccount>): Promise<Account> => toAccount(row, await references(), synced);
  const contract = async ({ row, synced }: Synced<CisServiceAgreement>): Promise<ServiceContract> => {
    const [sp, refs, rates] = await Promise.all([rows.servicePoints.load(row.SP_ID), references(), rateNames()]);
    return toServiceContract(row, {
      address: sp ? servicePointAddress(sp.row) : '',
      ratePlanName: rates.get(row.RATE_CD) ?? row.RATE_CD,
    }, refs, synced);
  };
  const servicePoint = async ({ row, synced }: Synced<CisServicePoint>): Promise<ServicePoint> => toServicePoint(row, synced);
  const aggregation = async ({ row, synced }: Synced<CisGroup>): Promise<Aggregation> => toAggregation(row, links, synced);

  /** Loads rows by id (batched) and translates those that exist. */
  const many = <R, M>(loader: DataLoader<string, Synced<R> | null>, translate: (s: Synced<R>) => Promise<M>) =>
    async (ids: readonly string[]) => Promise.all((await loadPresent(loader, ids)).map(translate));

  return {
    cis,
    rows,
    translate: { account, contract, servicePoint, aggregation },
    accounts: many(rows.accounts, account),
    contracts: many(rows.contracts, contract),
    servicePoints: many(rows.servicePoints, servicePoint),
    aggregations: many(rows.groups, aggregation),
    references,
    /** Groups holding any of the service points, and the groups those are chunks of. */
    aggregationsOfServicePoints: async (spIds: readonly string[]) => {
      const direct = (await Promise.all(spIds.map((id) => rows.groupsByMember.load(id)))).flat();
      const parents = await loadPresent(rows.groups, [...new Set(direct.map((g) => g.row.PARENT_GRP_ID).filter((p): p is string => p !== null))]);
      const unique = new Map([...direct, ...parents].map((g) => [g.row.GRP_ID, g]));
      return Promise.all([...unique.values()].map(aggregation));
    },
    contractsOfAccount: async (accountId: string) => {
      const found = await rows.contractsByAccount.load(accountId);
      // Later joins by contract id (e.g. a service point's current contracts) need no second lookup.
      for (const s of found) rows.contracts.prime(s.row.SA_ID, s);
      return Promise.all(found.map(contract));
    },
  };
}

export type AccountsContext = ReturnType<typeof createAccountsContext>;
