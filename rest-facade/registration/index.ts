/**
 * Registration (cds-wg1-02 §4) and the cds-wg1 object model shared by its APIs.
 *
 *   createWg1Repositories(store, clock?): Wg1Repositories
 *       { registrations, clients, credentials, grants, messages, files } over one Store; every
 *       object belongs to the registration that created it (`registration_id`).
 */
export { systemClock, isoAt, type Clock } from './clock';
export { decodeCursor, encodeCursor, pageLink, type Cursor, type Page } from './keyset';
export { RegistrationRepository, registrationRecordSchema, type RegistrationRecord } from './repository';
export { createWg1Repositories, type Wg1Repositories } from './repositories';
export { createDirectory } from './directory';
export { newId } from './ids';
export { wg1Services, type Wg1Services } from './services';
export { createRegistrationRouter } from './router';
