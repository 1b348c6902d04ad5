import type { AuthorizationRequest } from './authorizationRequest';
import type { AuthorizationDetail } from './tokens';

/**
 * An authorization request handed to the consent pages (`/authorize/<id>`): validated, with the
 * Client's defaults applied, waiting for the customer. Single use: completing it removes it.
 */
export interface PendingAuthorization {
  id: string;
  client_id: string;
  redirect_uri: string;
  /** The Server-created receipt redirect_uri (§4.2): the customer ends on a receipt, no code is issued. */
  redirect_uri_is_server_default: boolean;
  state?: string;
  /** Scope Description ids in effect. */
  scope: string[];
  authorization_details: AuthorizationDetail[];
  /** Space-separated `prompt` values; `login` forces re-authentication (§8.3 h). */
  prompt?: string;
  /** §8.3: the Grant to update; the consent pages must check it belongs to the customer (§8.3 i). */
  cds_grant_id?: string;
  /** Whether it came through PAR (RFC 9126). */
  via_par: boolean;
  /** Epoch seconds. */
  created: number;
}

/** What the authorization server keeps: the public view plus what the code must be bound to. */
export interface HeldAuthorization {
  pending: PendingAuthorization;
  request: AuthorizationRequest;
}

export function pendingView(id: string, request: AuthorizationRequest, viaPar: boolean, created: number): PendingAuthorization {
  return {
    id,
    client_id: request.client_id,
    redirect_uri: request.redirect_uri,
    redirect_uri_is_server_default: request.redirect_uri_is_server_default,
    ...(request.state !== null ? { state: request.state } : {}),
    scope: request.scope,
    authorization_details: request.authorization_details,
    ...(request.prompt.length > 0 ? { prompt: request.prompt.join(' ') } : {}),
    ...(request.cds_grant_id !== null ? { cds_grant_id: request.cds_grant_id } : {}),
    via_par: viaPar,
    created,
  };
}
