import type { AuthorizationDetail } from './tokens';

/**
 * What the authorization server needs from the registration objects (cds-wg1-02 §5 Clients,
 * §7 Credentials, §8 Grants, §3.4 Scope Descriptions). The fields are the spec's; the Client also
 * names the registration it was created by, which bounds what its tokens may touch.
 */
export interface OAuthClient {
  client_id: string;
  registration_id: string;
  scope: string;
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: string | null;
  redirect_uris: string[];
  authorization_details_types: string[];
  cds_status: string;
  cds_default_scope?: string;
  cds_default_redirect_uri?: string;
  cds_default_authorization_details?: AuthorizationDetail[];
  /** The Server-created receipt redirect_uri (§4.2), null for Clients without response types. */
  default_redirect_uri: string | null;
  /**
   * Registration field values and the members scope providers manage (e.g. cds-wg3-01
   * `cds_purposes`): the Client's own Scope Descriptions are built from them.
   */
  registration_fields: Record<string, unknown>;
}

export interface OAuthCredential {
  credential_id: string;
  client_id: string;
  /** Epoch seconds; 0 = never expires (§7.1, RFC 7591). */
  client_secret_expires_at: number;
}

export interface OAuthGrant {
  grant_id: string;
  client_id: string;
  status: string;
  scope: string;
  authorization_details: AuthorizationDetail[];
  enabled_scope: string;
  enabled_authorization_details: AuthorizationDetail[];
  not_before: string | null;
  not_after: string | null;
}

/** The Grant a client_credentials token request stands on (§8.4, digest A31). */
export interface ClientCredentialsIssuance {
  client_id: string;
  scope: string;
  authorization_details: AuthorizationDetail[];
  /** The instant `authorization_details` were resolved at (relative durations count from it): a new Grant's `created`. */
  at?: number;
  /**
   * The same request's authorization_details as granted at another instant: a repeated request
   * matches a Grant still being prepared when this, at the Grant's `created`, is what it holds.
   */
  detailsAt?: (instant: Date) => AuthorizationDetail[];
}

export interface Directory {
  client(clientId: string): Promise<OAuthClient | null>;
  /** The unexpired Credential of `clientId` whose secret is `secret`, or null. */
  authenticateSecret(clientId: string, secret: string): Promise<OAuthCredential | null>;
  credential(credentialId: string): Promise<OAuthCredential | null>;
  grants(grantIds: string[]): Promise<(OAuthGrant | null)[]>;
  /**
   * client_credentials (A31): reuse the Client's Grant for exactly this access (bumping `modified`)
   * or create one; the result is listed in `cds_grant_ids`.
   */
  recordClientCredentialsGrant(issuance: ClientCredentialsIssuance): Promise<OAuthGrant>;
}
