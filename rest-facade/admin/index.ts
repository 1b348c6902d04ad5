/**
 * The operator side: the admin API (bearer ADMIN_API_TOKEN) that `npm run admin` (bin/admin.ts)
 * talks to. Operations are plain functions over the cds-wg1 services (./operations.ts).
 */
export { ADMIN_PREFIX, createAdminRouter } from './router';
export {
  approveProduction, createServerGrant, disableClient, notifyAll, postMessage, resolveMessage, setGrantStatus, shareFile,
  type Resolution,
} from './operations';
