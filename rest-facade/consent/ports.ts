/**
 * What the consent pages need from the other parts of the facade, as narrow interfaces. The
 * assembly (index.ts) adapts the OAuth server, the Client/Grant repositories and the legacy test
 * customers to these, so the pages depend on behaviour, not on storage layouts.
 */
import type { AuthorizationOutcome, PendingAuthorization } from '../oauth';

/** A sandbox test customer published on the `cds_test_accounts` page (WG1 §3.2). */
export interface TestAccount {
  username: string;
  password: string;
  description: string;
}

export interface TestAccountSource {
  list(): Promise<TestAccount[]>;
}

/** The OAuth side's hand-over (rest-facade/oauth): the pending request and its completion. */
export type { PendingAuthorization as PendingRequest } from '../oauth';
export interface AuthorizationFlow {
  /** The pending request, or null when unknown, expired or already completed. */
  pending(requestId: string): Promise<PendingAuthorization | null>;
  /** Completes the request once; returns where to send the browser (redirect_uri with code or error, and state). */
  complete(requestId: string, outcome: AuthorizationOutcome): Promise<string>;
}
