import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../lib/logger';
import { grantAccess, type GrantRecord } from '../../grants';
import { requestedAddresses, type ResolvedAddresses } from './addressResolution';
import type { GrantWorkSchedule } from './schedule';
import { parentAccess, parentStatusFrom } from './subGrants';
import { evaluateWholeBuilding, requestedAggregations, type WholeBuildingDeps } from './wholeBuilding';

/**
 * The background step that advances Grants with asynchronous work (cds-wg3-01 §6, §4.11): pending
 * Grants are evaluated, `needs_sub_grants` parents follow their sub-Grants, a parent stays
 * watched while active so a withdrawn consent takes its access away again, and an ended parent
 * (closed by its Client, revoked, expired) closes its open sub-Grants. In-process, driven by
 * a timer; the store's schedule and per-Grant claims let several facade processes run it side by
 * side without working on one Grant twice.
 */

/** Statuses in which a Grant is over for good (cds-wg1-02 §8.2): its sub-Grants have nothing left to wait for. */
const ENDED: ReadonlySet<string> = new Set(['closed', 'revoked', 'expired', 'disabled']);

export interface WorkerDeps extends WholeBuildingDeps {
  schedule: GrantWorkSchedule;
  /** §7.1.13.1 matching of addresses against every aggregation: the numbers uniquely matched. */
  lookupAddresses(addresses: string[]): Promise<string[]>;
  resolvedAddresses: ResolvedAddresses;
  log: Logger;
  /** How often a parent's sub-Grants are looked at again. */
  recheckMs: number;
  /** Wait before retrying an evaluation that failed (e.g. the graph was down); the `eta` moves with it. */
  retryMs: number;
  /** Grants taken per step. */
  batch?: number;
}

export interface PendingGrantWorker {
  /** One step over the Grants due now; returns how many this process worked on. */
  runOnce(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createPendingGrantWorker(deps: WorkerDeps): PendingGrantWorker {
  const owner = randomUUID();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  /** A pending Grant's preparation: addresses looked up, then the §4.11 evaluation or activation. */
  async function prepare(grant: GrantRecord): Promise<GrantRecord> {
    const addresses = requestedAddresses(grant, deps.scopes);
    if (addresses.length > 0) await deps.resolvedAddresses.put(grant.grant_id, await deps.lookupAddresses(addresses));
    if (requestedAggregations(grant, deps.scopes).length > 0) return evaluateWholeBuilding(deps, grant);
    return deps.grants.update(grant, parentAccess(grant, 'active'));
  }

  /**
   * A parent that has ended no longer needs its sub-Grants: those still open (e.g. waiting for a
   * tenant's authorization) are closed, so nobody is asked to consent to a request that is gone.
   */
  async function closeOpenChildren(parent: GrantRecord): Promise<void> {
    for (const child of await deps.grants.collection.getMany(parent.children)) {
      if (!child || ENDED.has(child.status)) continue;
      await deps.grants.update(child, { status: 'closed', enabled_scope: '', enabled_authorization_details: [], eta: null });
    }
  }

  /** What to do with one Grant; returns when to look at it again, or null when finished. */
  async function advance(grant: GrantRecord, now: number): Promise<number | null> {
    const status = grantAccess(grant, now).status;
    if (status === 'pending') {
      try {
        const next = await prepare(grant);
        return next.status === 'needs_sub_grants' ? now + deps.recheckMs : null;
      } catch (err) {
        deps.log.warn({ err, grant_id: grant.grant_id }, 'pending grant evaluation failed; retrying');
        // §6: the Server MUST update `eta` when its estimate changes.
        await deps.grants.update(grant, { eta: new Date(now + deps.retryMs).toISOString() });
        return now + deps.retryMs;
      }
    }
    if (grant.children.length === 0) return null;
    if (ENDED.has(status)) {
      await closeOpenChildren(grant);
      return null;
    }
    if (status !== 'needs_sub_grants' && status !== 'active') return null;
    const children = await deps.grants.collection.getMany(grant.children);
    const wanted = parentStatusFrom(children, now);
    if (wanted !== status) await deps.grants.update(grant, parentAccess(grant, wanted));
    return now + deps.recheckMs;
  }

  async function work(grantId: string, now: number): Promise<void> {
    const grant = await deps.grants.get(grantId);
    const next = grant ? await advance(grant, now) : null;
    if (next === null) await deps.schedule.done(grantId);
    else await deps.schedule.schedule(grantId, next);
  }

  async function step(): Promise<number> {
    const now = deps.clock();
    let worked = 0;
    for (const grantId of await deps.schedule.due(now, deps.batch ?? 50)) {
      if (!(await deps.schedule.claim(grantId, owner))) continue;
      try {
        // Due-ness is re-read under the claim: another process may have just handled it.
        const at = await deps.schedule.scheduledAt(grantId);
        if (at === null || at > now) continue;
        await work(grantId, now);
        worked += 1;
      } catch (err) {
        deps.log.error({ err, grant_id: grantId }, 'pending grant step failed');
      } finally {
        await deps.schedule.release(grantId);
      }
    }
    return worked;
  }

  function runOnce(): Promise<number> {
    // One step at a time per process; a timer tick during a long step joins it.
    running ??= step().finally(() => { running = null; });
    return running;
  }

  return {
    runOnce,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => { runOnce().catch((err) => deps.log.error({ err }, 'pending grant worker failed')); }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
