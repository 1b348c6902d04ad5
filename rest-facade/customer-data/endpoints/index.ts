import type { ValueFormatOffer } from '../../scopes/customer-data';
import { accounts } from './accounts';
import { aggregations } from './aggregations';
import { billSections } from './billSections';
import { billStatements } from './billStatements';
import { eacs } from './eacs';
import { meterDevices } from './meterDevices';
import { serviceContracts } from './serviceContracts';
import { servicePoints } from './servicePoints';
import { usageSegmentsEndpoint } from './usageSegments';

/** The nine listing APIs of cds-wg3-01 §10, each described as data (../endpoint.ts). */
export function customerDataEndpoints(valueFormats?: readonly ValueFormatOffer[]) {
  return {
    accounts, serviceContracts, servicePoints, meterDevices, billStatements, billSections, aggregations,
    usageSegments: usageSegmentsEndpoint(valueFormats), eacs,
  };
}
