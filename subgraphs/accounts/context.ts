import type DataLoader from 'dataloader';
import type { CisAccount, CisCustomer, CisGroup, CisServiceAgreement, CisServicePoint } from '../../legacy/cis/records';
import { loadPresent, once, rowGroupLoader, rowLoader, type Synced } from '../shared';
import type { CisClient } from './adapter/cis';
import { cisAccount, cisCustomer, cisEntity, cisGroup, cisProgram, cisRateName, cisServiceAgreement, cisServicePoint } from './adapter/schemas';
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
    customers: rowLoader((ids) => cis.lookup('customers', 'CUST_ID', ids, cisCustomer), (r: CisCustomer) => r.CUST_ID),
    contracts: rowLoader((ids) => cis.lookup('service-agreements', 'SA_ID', ids, cisServiceAgreement), (r: CisServiceAgreement) => r.SA_ID),
    contractsByAccount: rowGroupLoader((ids) => cis.lookup('service-agreements', 'ACCT_ID', ids, cisServiceAgreement), (r: CisServiceAgreement) => [r.ACCT_ID]),
    servicePoints: rowLoader((ids) => cis.lookup('service-points', 'SP_ID', ids, cisServicePoint), (r: CisServicePoint) => r.SP_ID),
    groups: rowLoader((ids) => cis.lookup('groups', 'GRP_ID', ids, cisGroup), (r: CisGroup) => r.GRP_ID),
  };
  // Small catalogues: read once per request, and only when a field needs them.
  const references = once(async (): Promise<CisReferences> => {
    const [entities, programs] = await Promise.all([cis.catalogue('entities', cisEntity), cis.catalogue('programs', cisProgram)]);
    return {
      entities: new Map(entities.rows.map((e) => [e.ENTITY_ID, e])),
      programs: new Map(programs.rows.map((p) => [p.PROG_CD, p])),
    };
  });
  const rateNames = once(async () => new Map((await cis.catalogue('rates', cisRateName)).rows.map((r) => [r.RATE_CD, r.RATE_NAME])));

  const account = async ({ row, synced }: Synced<CisAccount>): Promise<Account> => {
    const [customer, refs] = await Promise.all([rows.customers.load(row.CUST_ID), references()]);
    return toAccount(row, customer?.row, refs, synced);
  };
  const contract = async ({ row, synced }: Synced<CisServiceAgreement>): Promise<ServiceContract> => {
    const [owner, sp, refs, rates] = await Promise.all([
      rows.accounts.load(row.ACCT_ID), rows.servicePoints.load(row.SP_ID), references(), rateNames(),
    ]);
    return toServiceContract(row, {
      accountNumber: owner?.row.ACCT_NO ?? '',
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
    contractsOfAccount: async (accountId: string) => Promise.all((await rows.contractsByAccount.load(accountId)).map(contract)),
  };
}

export type AccountsContext = ReturnType<typeof createAccountsContext>;
