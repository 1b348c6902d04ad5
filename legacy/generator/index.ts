/** The synthetic utility: generation, lazy interval data and bills, changes over time, test customers. */
export { generateUtility, generateOptionsSchema, HISTORY_MONTHS, type GenerateOptions } from './generate';
export { MIN_ACCOUNTS } from './archetypes';
export { CHUNK_SIZE } from './aggregations';
export { EAC_FORMAT } from './eacs';
export { testCustomers, verifyLogin, passwordHash, type TestCustomer } from './profiles';
export { applyChange, CHANGE_KINDS, ChangeError, type ChangeKind, type ChangeResult, type ChangedRecord } from './changes';
export {
  statementSlots, statementDetails, sectionStubs, sectionDetail, billedAgreements, meterDays, billTimestamp,
  type StatementSlot, type StatementDetail, type SectionDetail, type SectionStub,
} from './bills';
export { dailyTotal, dayReadings, isEstimated, periodTotal, type Channel, type MeterLoad } from './usage';
export { Calendar, addDays, addMonths, dateOf, dayNumber, isoInstant } from './calendar';
export { mix, hashString, Rng } from './random';
export {
  UtilityIndex,
  type Utility, type BillingProfile, type CisTables, type GreenButtonSeries, type GreenButtonBlock, type GreenButtonReading,
} from './utility';
