/** The MDM simulator (meters, installs, Green Button ESPI interval data). */
export { startMdmSimulator, mdmError, MAX_USAGE_POINT_DAYS } from './server';
export { attachGreenButton, loadGreenButtonDir, parseGreenButton } from './greenButton';
export { ESPI } from './records';
export type * from './records';
