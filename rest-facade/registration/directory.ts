import type { ClientRecord } from '../clients';
import type { CredentialRecord } from '../credentials';
import { grantAccess, type GrantRecord } from '../grants';
import type { Directory, OAuthClient, OAuthCredential, OAuthGrant } from '../oauth/directory';
import type { Wg1Repositories } from './repositories';

function toClient(client: ClientRecord): OAuthClient {
  return {
    client_id: client.client_id,
    registration_id: client.registration_id,
    scope: client.scope,
    grant_types: client.grant_types,
    response_types: client.response_types,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    redirect_uris: client.redirect_uris,
    authorization_details_types: client.authorization_details_types,
    cds_status: client.cds_status,
    default_redirect_uri: client.default_redirect_uri,
    registration_fields: client.registration_fields,
    ...(client.response_types.length > 0 && {
      cds_default_scope: client.cds_default_scope ?? client.scope,
      cds_default_redirect_uri: client.cds_default_redirect_uri ?? client.default_redirect_uri ?? undefined,
      cds_default_authorization_details: client.cds_default_authorization_details ?? [],
    }),
  };
}

function toCredential(credential: CredentialRecord): OAuthCredential {
  return {
    credential_id: credential.credential_id,
    client_id: credential.client_id,
    client_secret_expires_at: credential.client_secret_expires_at,
  };
}

/** A Grant as of now: schedule applied, no-access statuses enabling nothing (§8.1, §8.2). */
function toGrant(grant: GrantRecord, nowMs: number): OAuthGrant {
  const access = grantAccess(grant, nowMs);
  return {
    grant_id: grant.grant_id,
    client_id: grant.client_id,
    status: access.status,
    scope: grant.scope,
    authorization_details: grant.authorization_details,
    enabled_scope: access.enabled_scope,
    enabled_authorization_details: access.enabled_authorization_details,
    not_before: grant.not_before,
    not_after: grant.not_after,
  };
}

/**
 * The authorization server's view of the cds-wg1-02 objects (interface in ../oauth/directory).
 * `admitGrant` sees the Grant behind a client_credentials issuance before the token is returned
 * (the access resolver starts Grants that need preparation as `pending`, cds-wg3-01 §6, §4.11).
 */
export function createDirectory(repos: Wg1Repositories, admitGrant?: (grant: GrantRecord) => Promise<GrantRecord>): Directory {
  const { clients, credentials, grants, clock } = repos;

  async function clientOf(clientId: string): Promise<ClientRecord> {
    const client = await clients.get(clientId);
    if (!client) throw new Error(`unknown client ${clientId}`);
    return client;
  }

  return {
    async client(clientId) {
      const client = await clients.get(clientId);
      return client && toClient(client);
    },

    async authenticateSecret(clientId, secret) {
      const credential = await credentials.verifyClientSecret(clientId, secret);
      return credential && toCredential(credential);
    },

    async credential(credentialId) {
      const credential = await credentials.get(credentialId);
      return credential && toCredential(credential);
    },

    async grants(grantIds) {
      const now = clock();
      return (await grants.collection.getMany(grantIds)).map((g) => g && toGrant(g, now));
    },

    async recordClientCredentialsGrant(issuance) {
      const client = await clientOf(issuance.client_id);
      const grant = await grants.upsertClientCredentialsGrant({
        registration_id: client.registration_id,
        client_id: client.client_id,
        scope: issuance.scope,
        authorization_details: issuance.authorization_details,
        at: issuance.at,
        detailsAt: issuance.detailsAt,
      });
      return toGrant(admitGrant ? await admitGrant(grant) : grant, clock());
    },
  };
}
