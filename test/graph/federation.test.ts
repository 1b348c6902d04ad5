import { ExactDecimal as Decimal } from '../../subgraphs/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, dayReadings, statementDetails } from '../../legacy/generator';
import { startGraphStack, type GraphStack } from './stack';

// One federated query from accounts through contracts, service points and meters to usage, checked
// against the generator's own tables (the ground truth the simulators serve from).

let stack: GraphStack;
beforeAll(async () => {
  stack = await startGraphStack({ accounts: 120 });
});
afterAll(() => stack?.close());

const ACCOUNT_TREE = `query($first: Int, $after: String) {
  accounts(first: $first, after: $after) {
    nodes {
      id accountNumber customerNumber accountStatus
      serviceContracts {
        id accountId contractNumber ratePlanCode
        servicePoints { id servicePointNumber currentServiceContractIds currentMeterDevices { id meterNumber currentServicePointIds } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('federated graph over the legacy simulators', () => {
  it('joins accounts → contracts → service points → meters across the CIS and the MDM exactly as the utility holds them', async () => {
    const { data, errors } = await stack.query(ACCOUNT_TREE, { first: 25 });
    expect(errors).toBeUndefined();
    const { index } = stack.utility;
    expect(data.accounts.nodes).toHaveLength(25);
    let meters = 0;
    for (const account of data.accounts.nodes) {
      const truth = index.account.get(account.id)!;
      expect(account.accountNumber).toBe(truth.ACCT_NO);
      expect(account.customerNumber).toBe(truth.CUST_NO);
      const agreements = index.agreementsByAccount.get(account.id);
      expect(account.serviceContracts.map((c: { id: string }) => c.id).sort()).toEqual(agreements.map((a) => a.SA_ID).sort());
      for (const contract of account.serviceContracts) {
        const sa = index.agreement.get(contract.id)!;
        expect(contract.contractNumber).toBe(sa.SA_NO);
        expect(contract.ratePlanCode).toBe(sa.RATE_CD);
        expect(contract.servicePoints.map((sp: { id: string }) => sp.id)).toEqual([sa.SP_ID]);
        for (const sp of contract.servicePoints) {
          const current = stack.utility.mdm.meters.filter((m) => m.installs.some((i) => i.servicePointId === sp.id && i.removedAt === null));
          expect(sp.currentMeterDevices.map((m: { id: string }) => m.id).sort()).toEqual(current.map((m) => m.meterId).sort());
          for (const meter of sp.currentMeterDevices) {
            expect(meter.meterNumber).toBe(index.meter.get(meter.id)!.serialNumber);
            expect(meter.currentServicePointIds).toContain(sp.id);
            meters++;
          }
        }
      }
    }
    expect(meters).toBeGreaterThan(10);
  });

  it('serves a meter-day of usage with the MDM\'s exact readings and the related CIS objects', async () => {
    const meter = stack.utility.mdm.meters.find((m) => m.source === 'SYNTHETIC' && m.commodity === 'ELECTRIC' && m.flow === 'BIDIRECTIONAL'
      && m.installs.length === 1 && Date.parse(m.installs[0].installedAt) < Date.parse('2026-01-01'))!;
    expect(meter).toBeDefined();
    const day = dayNumber('2026-07-01');
    const { start } = stack.utility.calendar.localDay(day);
    const { data, errors } = await stack.query(`query($f: UsageSegmentFilter!) {
      usageSegments(filter: $f) {
        nodes {
          id segmentStart segmentEnd interval relatedMeterDeviceIds relatedServicePointIds relatedServiceContractIds relatedAccountIds relatedBillSectionIds
          formats { id type ... on ElectricUsageFormat { units direction } }
          values { ... on ElectricUsageValue { eu } }
        }
      }
    }`, { f: { meterDeviceIds: [meter.meterId], windowStart: new Date(start * 1000).toISOString(), windowEnd: new Date((start + 86400) * 1000).toISOString() } });
    expect(errors).toBeUndefined();
    const [segment] = data.usageSegments.nodes;
    expect(data.usageSegments.nodes).toHaveLength(1);
    expect(segment.interval).toBe('900');
    expect(segment.formats.map((f: { direction: string }) => f.direction)).toEqual(['forward', 'reverse']);
    const load = stack.utility.loads.get(meter.meterId)!;
    const forward = Array.from(dayReadings(stack.utility.calendar, load, 'forward', day), String);
    const reverse = Array.from(dayReadings(stack.utility.calendar, load, 'reverse', day), (v) => new Decimal(v).negated().toFixed());
    expect(segment.values.map((set: { eu: string }[]) => set[0].eu)).toEqual(forward);
    expect(segment.values.map((set: { eu: string }[]) => set[1].eu)).toEqual(reverse);
    const sp = meter.installs[0].servicePointId;
    expect(segment.relatedServicePointIds).toEqual([sp]);
    const sa = stack.utility.index.agreementsBySp.get(sp).filter((a) => a.START_DT <= '2026-07-01' && (a.END_DT === null || a.END_DT >= '2026-07-01'));
    expect(segment.relatedServiceContractIds.sort()).toEqual(sa.map((a) => a.SA_ID).sort());
    expect(segment.relatedAccountIds.sort()).toEqual([...new Set(sa.map((a) => a.ACCT_ID))].sort());
    // The bill sections that billed this meter-day (billing, through the contracts from the CIS).
    const billed = sa.flatMap((a) => statementDetails(stack.utility, stack.utility.index.account.get(a.ACCT_ID)!))
      .flatMap((st) => st.sections)
      .filter((s) => s.header.SA_ID && sa.some((a) => a.SA_ID === s.header.SA_ID) && s.header.METER_IDS.includes(meter.meterId)
        && s.header.PER_FROM <= '20260701' && s.header.PER_TO >= '20260701')
      .map((s) => s.header.SECT_ID);
    expect(billed.length).toBeGreaterThan(0);
    expect(segment.relatedBillSectionIds.sort()).toEqual(billed.sort());
    // The same segment by id (an entity reference the metering subgraph resolves in one batch).
    const byId = await stack.query('query($id: ID!) { usageSegment(id: $id) { id segmentStart values { ... on ElectricUsageValue { eu } } } }', { id: segment.id });
    expect(byId.data.usageSegment).toEqual({ id: segment.id, segmentStart: segment.segmentStart, values: segment.values });
  });

  it('joins an account to its bills and sections (billing) with CIS programs and entities, amounts exact', async () => {
    const { index } = stack.utility;
    const account = stack.utility.cis.accounts.find((a) => a.ACCT_ROLE_CD === 'STD' && statementDetails(stack.utility, a).length >= 3)!;
    const truth = statementDetails(stack.utility, account).slice().reverse();
    const { data, errors } = await stack.query(`query($id: ID!) {
      account(id: $id) {
        billStatements {
          id accountId statementDate currency amountDue previousBalanceUnpaid accountProgramNumbers accountPrograms { programNumber }
          newCharges { amount includedInAmountDue types relatedBillSectionIds }
          billSections {
            id accountNumber contractNumber startDate endDate relatedServiceContractIds relatedMeterDeviceIds
            distributionEntity { id entityName } supplyEntity { id }
            servicePrograms { programNumber }
            usageDetails { value units types } costDetails { types cost } lineItems { cost relatedUsageDetailIds }
            relatedServiceContracts { contractNumber }
            relatedMeterDevices { meterNumber }
          }
        }
      }
    }`, { id: account.ACCT_ID });
    expect(errors).toBeUndefined();
    const statements = data.account.billStatements;
    expect(statements.map((s: { id: string }) => s.id)).toEqual(truth.map((t) => t.header.STMT_ID));
    for (const [i, statement] of statements.entries()) {
      const { header, sections } = truth[i];
      expect(statement.amountDue).toBe(header.AMT_DUE);
      expect(statement.statementDate).toBe(`${header.STMT_DT.slice(0, 4)}-${header.STMT_DT.slice(4, 6)}-${header.STMT_DT.slice(6)}`);
      expect(statement.accountPrograms.map((p: { programNumber: string }) => p.programNumber)).toEqual(header.PROG_CDS);
      // §10.5.1 sum rule, in exact decimals.
      const included = statement.newCharges.filter((c: { includedInAmountDue: boolean }) => c.includedInAmountDue)
        .reduce((sum: InstanceType<typeof Decimal>, c: { amount: string }) => sum.plus(c.amount), new Decimal(statement.previousBalanceUnpaid));
      expect(included.equals(statement.amountDue)).toBe(true);
      expect(statement.billSections.map((s: { id: string }) => s.id).sort()).toEqual(sections.map((s) => s.header.SECT_ID).sort());
      for (const section of statement.billSections) {
        const detail = sections.find((s) => s.header.SECT_ID === section.id)!;
        expect(section.relatedServiceContractIds).toEqual(detail.header.SA_ID ? [detail.header.SA_ID] : []);
        expect(section.relatedServiceContracts.map((c: { contractNumber: string }) => c.contractNumber)).toEqual(detail.header.SA_NO ? [detail.header.SA_NO] : []);
        expect(section.relatedMeterDevices.map((m: { meterNumber: string }) => m.meterNumber)).toEqual(detail.header.METER_IDS.map((id) => index.meter.get(id)!.serialNumber));
        expect(section.distributionEntity?.id ?? null).toBe(detail.header.DIST_ENTITY_ID);
        expect(section.servicePrograms.map((p: { programNumber: string }) => p.programNumber)).toEqual(detail.header.PROG_CDS);
        expect(section.usageDetails.map((u: { value: string }) => u.value)).toEqual(detail.usage.map((u) => u.QTY));
        expect(section.costDetails.map((c: { cost: string }) => c.cost)).toEqual(detail.costs.map((c) => c.AMT));
        expect(section.lineItems.map((l: { cost: string }) => l.cost)).toEqual(detail.lines.map((l) => l.AMT));
      }
    }
  });

  it('lists aggregations from the CIS groups and certificates from the EAC registry with their filters', async () => {
    const buildings = stack.utility.cis.groups.filter((g) => g.GRP_TYPE_CD === 'BLDG');
    const { data, errors } = await stack.query(`{
      aggregations(filter: { aggregationTypes: [building] }) {
        nodes { id aggregationTypes aggregationNumber groupedServicePointIds groupedAggregationIds groupedAddresses groupedMeterDeviceIds consentRequirements { types } }
        pageInfo { hasNextPage }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(buildings.length).toBeGreaterThan(0);
    expect(data.aggregations.nodes.map((a: { id: string }) => a.id).sort()).toEqual(buildings.map((g) => g.GRP_ID).sort());
    for (const agg of data.aggregations.nodes) {
      const group = stack.utility.index.group.get(agg.id)!;
      expect(agg.aggregationTypes).toEqual(expect.arrayContaining(['building', 'servicepoint_number']));
      expect(agg.aggregationNumber).toBe(group.GRP_NO);
      expect(agg.groupedServicePointIds).toEqual(group.MEMBER_SP_IDS);
      expect(agg.groupedAggregationIds).toEqual(group.CHILD_GRP_IDS);
      expect(agg.groupedAddresses).toEqual(group.ADDRS);
      const meters = stack.utility.mdm.meters.filter((m) => m.installs.some((i) => i.removedAt === null && group.MEMBER_SP_IDS.includes(i.servicePointId)));
      expect(agg.groupedMeterDeviceIds.sort()).toEqual(meters.map((m) => m.meterId).sort());
      expect(agg.consentRequirements[0].types).toEqual([group.CONSENT_CD.toLowerCase()]);
    }

    const certificate = stack.utility.eac.certificates.find((c) => c.beneficiary_refs.length > 0)!;
    const ref = certificate.beneficiary_refs[0];
    const eacs = await stack.query(`query($b: [String!]) { eacs(filter: { beneficiaries: $b }) { nodes { id beneficiaryType beneficiaries eacNumbers periodStart periodEnd } } }`, { b: [ref] });
    expect(eacs.errors).toBeUndefined();
    const expected = stack.utility.eac.certificates.filter((c) => c.beneficiary_refs.includes(ref));
    expect(eacs.data.eacs.nodes.map((n: { id: string }) => n.id).sort()).toEqual(expected.map((c) => c.certificate_id).sort());
    const starts = eacs.data.eacs.nodes.map((n: { periodStart: string }) => n.periodStart);
    expect(starts).toEqual([...starts].sort().reverse());
    const one = await stack.query('query($id: ID!) { eac(id: $id) { id eacNumbers eacFormat } }', { id: certificate.certificate_id });
    expect(one.data.eac).toEqual({ id: certificate.certificate_id, eacNumbers: certificate.serial_numbers, eacFormat: certificate.format_code });
  });

  it('translates entity roles: an investor-owned utility is also a distributor', async () => {
    const { data } = await stack.query('{ accounts(first: 1) { nodes { accountEntity { id types entityNumber } } } }');
    const entity = data.accounts.nodes[0].accountEntity;
    const truth = stack.utility.index.entity.get(entity.id)!;
    expect(entity.entityNumber).toBe(truth.ENTITY_NO);
    if (truth.ENTITY_ROLE_CDS.includes('IOU')) expect(entity.types).toEqual(expect.arrayContaining(['iou', 'distributor']));
  });
});
