/**
 * What the consent pages need from the other parts of the facade, as narrow interfaces. The
 * assembly (index.ts) adapts the OAuth server, the Client/Grant repositories and the legacy test
 * customers to these, so the pages depend on behaviour, not on storage layouts.
 */

/** A sandbox test customer published on the `cds_test_accounts` page (WG1 §3.2). */
export interface TestAccount {
  username: string;
  password: string;
  description: string;
}

export interface TestAccountSource {
  list(): Promise<TestAccount[]>;
}

/** The pending authorization request the OAuth authorize endpoint handed over (§9.1.1). */
export interface PendingRequest {
  id: string;
  client_id: string;
  redirect_uri: string;
  state?: string;
  /** Scope Description ids, after the Client's defaults were applied. */
  scope: string[];
  /** The validated, normalised authorization_details entries. */
  authorization_details: Record<string, unknown>[];
  prompt?: string;
  cds_grant_id?: string;
}

/** An outcome reported back to the Client (RFC 6749 §4.1.2 / §4.1.2.1). */
export type ConsentOutcome =
  | { outcome: 'error'; error: string; error_description?: string }
  | { outcome: 'approve'; grant_id: string; scope: string; authorization_details: Record<string, unknown>[] };

export interface AuthorizationFlow {
  /** The pending request, or null when unknown, expired or already completed. */
  pending(requestId: string): Promise<PendingRequest | null>;
  /** Completes the request once; returns where to send the browser (redirect_uri with code or error, and state). */
  complete(requestId: string, outcome: ConsentOutcome): Promise<string>;
}
