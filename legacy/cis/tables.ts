import type { Utility } from '../generator/utility';
import { one, type TableSpec } from '../sim/listing';
import type { CisAccount, CisCustomer, CisGroup, CisServiceAgreement, CisServicePoint } from './records';

/** The CIS's listable tables: filter columns, searchable columns, indexed keys (see legacy/README.md). */

const address = (sp: CisServicePoint) => [sp.ADDR_LINE1, sp.ADDR_LINE2, `${sp.CITY} ${sp.STATE} ${sp.POSTAL}`].filter(Boolean).join(', ');

export function customerTable(u: Utility): TableSpec<CisCustomer> {
  const ix = u.index;
  return {
    name: 'customers',
    rows: () => u.cis.customers,
    sortKey: (c) => [c.UPD_DTTM, c.CUST_ID],
    filters: { CUST_ID: (c) => c.CUST_ID, CUST_NO: (c) => c.CUST_NO, CUST_CLASS_CD: (c) => c.CUST_CLASS_CD },
    search: { CUST_ID: (c) => c.CUST_ID, CUST_NO: (c) => c.CUST_NO, CUST_NAME: (c) => c.CUST_NAME },
    indexed: { CUST_ID: (k) => one(ix.customer.get(k)), CUST_NO: (k) => one(ix.customerByNo.get(k)) },
  };
}

export function accountTable(u: Utility): TableSpec<CisAccount> {
  const ix = u.index;
  const programs = (a: CisAccount) => a.PROGRAMS.map((p) => p.PROG_CD);
  return {
    name: 'accounts',
    rows: () => u.cis.accounts,
    sortKey: (a) => [a.UPD_DTTM, a.ACCT_ID],
    filters: {
      ACCT_ID: (a) => a.ACCT_ID, ACCT_NO: (a) => a.ACCT_NO, CUST_ID: (a) => a.CUST_ID, CUST_NO: (a) => a.CUST_NO,
      ACCT_STAT_CD: (a) => a.ACCT_STAT_CD, PARENT_ACCT_ID: (a) => a.PARENT_ACCT_ID, ACCT_CLASS_CD: (a) => a.ACCT_CLASS_CD,
      ACCT_ROLE_CD: (a) => a.ACCT_ROLE_CD, PROG_CD: programs,
    },
    search: {
      ACCT_ID: (a) => a.ACCT_ID, CUST_NO: (a) => a.CUST_NO, ACCT_NO: (a) => a.ACCT_NO, MAIL_ADDR: (a) => a.MAIL_ADDR,
      ACCT_NAME: (a) => a.ACCT_NAME, CONTACT_VAL: (a) => a.CONTACTS.map((c) => c.CONTACT_VAL), PROG_CD: programs,
    },
    indexed: {
      ACCT_ID: (k) => one(ix.account.get(k)),
      ACCT_NO: (k) => one(ix.accountByNo.get(k)),
      CUST_ID: (k) => ix.accountsByCustomer.get(k),
      CUST_NO: (k) => { const c = ix.customerByNo.get(k); return c ? ix.accountsByCustomer.get(c.CUST_ID) : []; },
      PARENT_ACCT_ID: (k) => ix.accountsByParent.get(k),
    },
  };
}

export function agreementTable(u: Utility): TableSpec<CisServiceAgreement> {
  const ix = u.index;
  const programs = (sa: CisServiceAgreement) => sa.PROGRAMS.map((p) => p.PROG_CD);
  return {
    name: 'service-agreements',
    rows: () => u.cis.serviceAgreements,
    sortKey: (sa) => [sa.UPD_DTTM, sa.SA_ID],
    filters: {
      SA_ID: (sa) => sa.SA_ID, SA_NO: (sa) => sa.SA_NO, ACCT_ID: (sa) => sa.ACCT_ID, ACCT_NO: (sa) => sa.ACCT_NO, SP_ID: (sa) => sa.SP_ID,
      SA_STAT_CD: (sa) => sa.SA_STAT_CD, SA_TYPE_CD: (sa) => sa.SA_TYPE_CD, SVC_TYPE_CD: (sa) => sa.SVC_TYPE_CD,
      SVC_ROLE_CDS: (sa) => sa.SVC_ROLE_CDS, CUST_CLASS_CD: (sa) => sa.CUST_CLASS_CD, METERED_FLG: (sa) => sa.METERED_FLG,
      BILL_CYC_CD: (sa) => sa.BILL_CYC_CD, RATE_CD: (sa) => sa.RATE_CD, PROG_CD: programs,
    },
    search: {
      SA_ID: (sa) => sa.SA_ID, ACCT_NO: (sa) => sa.ACCT_NO, SA_NO: (sa) => sa.SA_NO,
      ADDR: (sa) => { const sp = ix.servicePoint.get(sa.SP_ID); return sp ? address(sp) : null; },
      RATE_CD: (sa) => sa.RATE_CD, RATE_NAME: (sa) => ix.rate.get(sa.RATE_CD)?.RATE_NAME ?? null, PROG_CD: programs,
    },
    indexed: {
      SA_ID: (k) => one(ix.agreement.get(k)),
      SA_NO: (k) => one(ix.agreementByNo.get(k)),
      ACCT_ID: (k) => ix.agreementsByAccount.get(k),
      ACCT_NO: (k) => { const a = ix.accountByNo.get(k); return a ? ix.agreementsByAccount.get(a.ACCT_ID) : []; },
      SP_ID: (k) => ix.agreementsBySp.get(k),
    },
  };
}

export function servicePointTable(u: Utility): TableSpec<CisServicePoint> {
  const ix = u.index;
  const premises = (sp: CisServicePoint) => sp.PREMISES.map((p) => p.PREM_NO);
  return {
    name: 'service-points',
    rows: () => u.cis.servicePoints,
    sortKey: (sp) => [sp.UPD_DTTM, sp.SP_ID],
    filters: {
      SP_ID: (sp) => sp.SP_ID, SP_NO: (sp) => sp.SP_NO, SP_TYPE_CD: (sp) => sp.SP_TYPE_CD,
      SP_KIND_CD: (sp) => sp.SP_KIND_CD, SP_LOC_CD: (sp) => sp.SP_LOC_CD, PREM_ID: (sp) => sp.PREMISES.map((p) => p.PREM_ID), PREM_NO: premises, POSTAL: (sp) => sp.POSTAL,
      CUR_SA_ID: (sp) => sp.CUR_SA_IDS, PREV_SA_ID: (sp) => sp.PREV_SA_IDS,
    },
    search: { SP_ID: (sp) => sp.SP_ID, ADDR: address, SP_NO: (sp) => sp.SP_NO, PREM_NO: premises },
    indexed: {
      SP_ID: (k) => one(ix.servicePoint.get(k)),
      SP_NO: (k) => one(ix.servicePointByNo.get(k)),
      PREM_ID: (k) => ix.servicePointsByPremise.get(k),
      PREM_NO: (k) => ix.servicePointsByPremiseNo.get(k),
      SA_ID: (k) => { const sa = ix.agreement.get(k); return sa ? one(ix.servicePoint.get(sa.SP_ID)) : []; },
      CUR_SA_ID: (k) => { const sa = ix.agreement.get(k); const sp = sa && ix.servicePoint.get(sa.SP_ID); return sp && sp.CUR_SA_IDS.includes(k) ? [sp] : []; },
      PREV_SA_ID: (k) => { const sa = ix.agreement.get(k); const sp = sa && ix.servicePoint.get(sa.SP_ID); return sp && sp.PREV_SA_IDS.includes(k) ? [sp] : []; },
    },
  };
}

export function groupTable(u: Utility): TableSpec<CisGroup> {
  const ix = u.index;
  return {
    name: 'groups',
    rows: () => u.cis.groups,
    sortKey: (g) => [g.UPD_DTTM, g.GRP_ID],
    filters: {
      GRP_ID: (g) => g.GRP_ID, GRP_NO: (g) => g.GRP_NO, GRP_TYPE_CD: (g) => g.GRP_TYPE_CD, PARENT_GRP_ID: (g) => g.PARENT_GRP_ID,
      MEMBER_SP_ID: (g) => g.MEMBER_SP_IDS, VISIBILITY_CD: (g) => g.VISIBILITY_CD,
    },
    search: { GRP_ID: (g) => g.GRP_ID, GRP_NO: (g) => g.GRP_NO, ADDRS: (g) => g.ADDRS, GRP_NAME: (g) => g.GRP_NAME, POSTAL_CDS: (g) => g.POSTAL_CDS },
    indexed: {
      GRP_ID: (k) => one(ix.group.get(k)),
      GRP_NO: (k) => one(ix.groupByNo.get(k)),
      PARENT_GRP_ID: (k) => { const g = ix.group.get(k); return g ? g.CHILD_GRP_IDS.map((id) => ix.group.get(id)!) : []; },
      MEMBER_SP_ID: (k) => ix.groupsByMemberSp.get(k),
    },
  };
}
