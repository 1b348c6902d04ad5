/** The EAC registry simulator (energy attribute certificates). */
export { startEacSimulator, eacError, EAC_FORMATS } from './server';
export type * from './records';
