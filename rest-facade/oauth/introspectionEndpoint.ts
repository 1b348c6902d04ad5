import type { RequestHandler } from 'express';
import { OAuthError } from '../errors';
import { authenticateClient } from './clientAuthentication';
import { nowSeconds, type OAuthDeps } from './deps';
import { checkLiveness } from './liveness';
import { asRecord, required } from './params';
import { noStore } from './tokenEndpoint';
import { findToken } from './tokenLookup';
import { validateAccessToken } from './validateAccessToken';

const INACTIVE = { active: false } as const;

/**
 * `POST introspection_endpoint` (RFC 7662). Confidential Clients only. A token is active only if
 * it would work right now — unexpired, unrevoked, and its Client, Credential and Grants still
 * allow access. Tokens of other registrations read as inactive (RFC 7662 §2.2).
 */
export function introspectionEndpoint(deps: OAuthDeps): RequestHandler {
  return async (req, res) => {
    noStore(res);
    const body = asRecord(req.body);
    const { client, credential } = await authenticateClient(req, body, deps);
    if (!credential) throw new OAuthError('invalid_client', 'introspection needs client authentication with a secret', 401);
    const token = required(body, 'token');
    const found = await findToken(deps, token);
    if (found.kind === 'unknown') return res.json(INACTIVE);
    const owner = await deps.directory.client(found.record.client_id);
    if (owner?.registration_id !== client.registration_id) return res.json(INACTIVE);

    if (found.kind === 'access_token') {
      const validation = await validateAccessToken(deps, token);
      if (!validation.ok) return res.json(INACTIVE);
      const { record } = validation;
      return res.json({
        active: true,
        token_type: 'Bearer',
        client_id: record.client_id,
        sub: record.client_id,
        scope: record.scope,
        iss: deps.issuer,
        aud: deps.issuer,
        iat: record.iat,
        exp: record.exp,
        jti: record.jti,
        cds_grant_ids: record.grant_ids,
        ...(record.authorization_details.length > 0 ? { authorization_details: record.authorization_details } : {}),
      });
    }
    const { record, family } = found;
    if (record.exp <= nowSeconds(deps)) return res.json(INACTIVE);
    const liveness = await checkLiveness(family, deps.directory, deps.clock());
    if (!liveness.live) return res.json(INACTIVE);
    res.json({
      active: true,
      token_type: 'refresh_token',
      client_id: family.client_id,
      sub: family.client_id,
      scope: family.scope,
      iss: deps.issuer,
      exp: record.exp,
      cds_grant_ids: family.grant_ids,
      ...(family.authorization_details.length > 0 ? { authorization_details: family.authorization_details } : {}),
    });
  };
}
