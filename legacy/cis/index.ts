/** The CIS simulator (customers, accounts, service agreements, service points, programs, rates, groups, logins). */
export { startCisSimulator, cisError } from './server';
export type * from './records';
