/** The synthetic utility: generation, lazy interval data and bills, changes over time, test customers. */
export { generateUtility, generateOptionsSchema, HISTORY_MONTHS, type GenerateOptions } from './generate';
export { MIN_ACCOUNTS } from './archetypes';
export { CHUNK_SIZE } from './aggregations';
export { EAC_FORMAT } from './eacs';
export { testCustomers, verifyLogin, passwordHash, type TestCustomer } from './profiles';
export { applyChange, CHANGE_KINDS, ChangeError, type ChangeKind, type ChangeResult, type ChangedRecord } from './changes';
export {
  statementSlots, statementDetails, sectionStubs, sectionDetail, billedAgreements, meterDays, billTimestamp, rateAt,
  type StatementSlot, type StatementDetail, type SectionDetail, type SectionStub,
} from './bills';
export { dailyTotal, dayReadings, isEstimated, periodTotal, type Channel, type MeterLoad } from './usage';
export {
  meterDay, readingQualities, registerAt, peakDemand, billedPeriods, isEdited, servicePointOn, hundredThousandths,
  READ_VALID, READ_ESTIMATED, READ_EDITED, type MeterDay, type BilledPeriod,
} from './readings';
export { supplyMixAt, SUPPLY_SOURCES, CARBON_INTENSITY, SHARE_SCALE, type SupplySource } from './supplyMix';
export { touBuckets, touPeriodAt, seasonOf, billCycle, sectionPeriod, billedAccount, type TouBucket } from './tariffs';
export { Calendar, addDays, addMonths, dateOf, dayNumber, isoInstant } from './calendar';
export { mix, hashString, Rng } from './random';
export {
  UtilityIndex,
  type Utility, type BillingProfile, type CisTables, type GreenButtonSeries, type GreenButtonBlock, type GreenButtonReading,
} from './utility';
