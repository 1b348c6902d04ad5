import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../pagination';
import { Account } from './account';
import { Aggregation } from './aggregation';
import { BillSection } from './billSection';
import { BillStatement } from './billStatement';
import { EnergyAttributeCertificate } from './eac';
import { MeterDevice } from './meterDevice';
import { ServiceContract } from './serviceContract';
import { ServicePoint } from './servicePoint';
import { UsageSegment } from './usageSegment';

const pageLink = z.url({ protocol: /^https?$/ }).nullable();

/**
 * The listing response of §10.x: `{<list_key>: [...], next, previous}`. The list and both links are
 * always present (null at the ends); a page holds at most 100 objects.
 */
function listing<K extends string, T extends z.ZodType>(key: K, item: T, id: string, section: string) {
  return z
    .strictObject({ [key]: z.array(item).max(MAX_PAGE_SIZE), next: pageLink, previous: pageLink } as Record<K, z.ZodArray<T>> & {
      next: typeof pageLink;
      previous: typeof pageLink;
    })
    .meta({ id, description: `cds-wg3-01 ${section}` });
}

export const AccountList = listing('accounts', Account, 'AccountList', '§10.1.10 Listing Accounts');
export const ServiceContractList = listing('service_contracts', ServiceContract, 'ServiceContractList', '§10.2.7 Listing Service Contracts');
export const ServicePointList = listing('service_points', ServicePoint, 'ServicePointList', '§10.3.5 Listing Service Points');
export const MeterDeviceList = listing('meter_devices', MeterDevice, 'MeterDeviceList', '§10.4.5 Listing Meter Devices');
export const BillStatementList = listing('bill_statements', BillStatement, 'BillStatementList', '§10.5.4 Listing Bill Statements');
export const BillSectionList = listing('bill_sections', BillSection, 'BillSectionList', '§10.6.9 Listing Bill Sections');
export const AggregationList = listing('aggregations', Aggregation, 'AggregationList', '§10.7.8 Listing Aggregations');
export const UsageSegmentList = listing('usage_segments', UsageSegment, 'UsageSegmentList', '§10.8.8 Listing Usage Segments');
export const EnergyAttributeCertificateList = listing('eacs', EnergyAttributeCertificate, 'EnergyAttributeCertificateList', '§10.9.4 Listing Energy Attribute Certificates');

export type AccountList = z.infer<typeof AccountList>;
export type ServiceContractList = z.infer<typeof ServiceContractList>;
export type ServicePointList = z.infer<typeof ServicePointList>;
export type MeterDeviceList = z.infer<typeof MeterDeviceList>;
export type BillStatementList = z.infer<typeof BillStatementList>;
export type BillSectionList = z.infer<typeof BillSectionList>;
export type AggregationList = z.infer<typeof AggregationList>;
export type UsageSegmentList = z.infer<typeof UsageSegmentList>;
export type EnergyAttributeCertificateList = z.infer<typeof EnergyAttributeCertificateList>;
