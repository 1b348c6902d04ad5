import { renderClient, type ClientRecord } from '../clients';
import { disableCredentialsOps } from '../clients/router';
import { badRequest } from '../errors';
import type { FileRecord } from '../files';
import { grantAccess, scopeTokens, type GrantRecord, type GrantStatus } from '../grants';
import { changelogOps } from '../messages/changelog';
import { UPDATABLE_REQUEST_TYPES, type MessageRecord, type MessageStatus, type NewMessage, type RelatedType } from '../messages';
import { isoAt, nextModified } from '../registration/clock';
import { newId } from '../registration/ids';
import type { Wg1Services } from '../registration/services';
import { SERVER_PROVIDED_FILES_TYPE, type AuthorizationDetail } from '../scopes';
import type { StoreOp } from '../store';

/** A Server Message to one registration (§6: official communication goes through Messages). */
export async function postMessage(services: Wg1Services, message: NewMessage): Promise<MessageRecord> {
  return services.repos.messages.create({ ...message, creator: null });
}

/** A `notification` to every registration (§6.2: not tailored to one Client). */
export async function notifyAll(services: Wg1Services, input: { name: string; description: string; related_uri?: string; related_type?: RelatedType }): Promise<number> {
  const ids = await services.repos.registrations.allIds();
  for (const registrationId of ids) {
    await postMessage(services, { registration_id: registrationId, type: 'notification', status: 'complete', ...input });
  }
  return ids.length;
}

/**
 * §4.2: production approval creates a new Client Object with `production` in its options (the
 * sandbox Client stays as it was), with its own Credential, and completes any pending
 * `production_request` about the sandbox Client (§6.3: `related_type` client → the new Client).
 */
export async function approveProduction(services: Wg1Services, sandbox: ClientRecord, note?: string): Promise<ClientRecord> {
  const { repos, urls, clock } = services;
  if (!sandbox.cds_status_options.includes('sandbox')) throw badRequest('only a sandbox Client Object is approved for production');
  const now = isoAt(clock());
  const production: ClientRecord = {
    ...sandbox,
    client_id: newId(),
    client_id_issued_at: Math.floor(clock() / 1000),
    cds_created: now,
    cds_modified: now,
    cds_status: 'production',
    cds_status_options: ['production', 'disabled'],
    production_of: sandbox.client_id,
  };
  const ops: StoreOp[] = [
    ...repos.clients.collection.writeOps(production),
    ...changelogOps(repos.messages, urls, { registrationId: sandbox.registration_id, kind: 'client', id: production.client_id, action: 'added', detail: `Production Client Object ${production.client_id} was created from sandbox Client Object ${sandbox.client_id}.` }).ops,
  ];
  if (production.token_endpoint_auth_method !== null && production.token_endpoint_auth_method !== 'none') {
    const credential = repos.credentials.prepare({ registrationId: sandbox.registration_id, clientId: production.client_id, deferReveal: true });
    ops.push(...credential.ops, ...changelogOps(repos.messages, urls, { registrationId: sandbox.registration_id, kind: 'credential', id: credential.record.credential_id, action: 'added' }).ops);
  }
  const requests = (await repos.messages.ofRegistration(sandbox.registration_id)).filter((m) =>
    m.type === 'production_request' && m.related_uri === urls.client(sandbox.client_id) && (m.status === 'pending' || m.status === 'open'));
  for (const request of requests) {
    ops.push(...requestUpdateOps(services, request, {
      status: 'complete', description: note ?? `Production Client Object ${production.client_id} is ready.`,
      related_uri: urls.client(production.client_id), related_type: 'client',
    }));
  }
  await repos.store.atomically(ops);
  return production;
}

/**
 * A `request_update` answering `request` (§6.2), plus the same status mirrored on the request
 * itself so that `outstanding` stays right (A22).
 */
function requestUpdateOps(
  services: Wg1Services, request: MessageRecord,
  update: { status: MessageStatus; description: string; related_uri?: string; related_type?: RelatedType },
): StoreOp[] {
  const { repos } = services;
  const mirrored = request.status === update.status ? [] : repos.messages.updateOps(request, { status: update.status }).ops;
  return [
    ...repos.messages.createOps({
      registration_id: request.registration_id, type: 'request_update', status: update.status, previous_id: request.message_id,
      name: `Update: ${request.name}`, description: update.description,
      ...(update.related_uri && { related_uri: update.related_uri, related_type: update.related_type }),
    }).ops,
    ...mirrored,
  ];
}

export interface Resolution {
  status: MessageStatus;
  description?: string;
  related_uri?: string;
  related_type?: RelatedType;
  /** grant_request: the Client the Grants go to when the request names none. */
  client_id?: string;
}

/**
 * The operator's answer to a Client request or a review (§3.6, §5.5, §6.3, §6.9, §8.7).
 * - production_request `complete` → a production Client (approveProduction);
 * - grant_request `complete` → Server-created Grants, linked as a filtered Grants list;
 * - field_changes → the held changes are applied (`complete`) or dropped, on the Message itself;
 * - every other request gets a `request_update` carrying the new status.
 * A rejection must say why (§6.3).
 */
export async function resolveMessage(services: Wg1Services, message: MessageRecord, resolution: Resolution): Promise<void> {
  const { repos, urls } = services;
  const { status } = resolution;
  if ((status === 'rejected' || status === 'errored') && !resolution.description) throw badRequest('say why in description (§6.3)');
  if (message.type === 'field_changes') return resolveFieldChanges(services, message, resolution);
  if (!UPDATABLE_REQUEST_TYPES.includes(message.type)) throw badRequest(`a ${message.type} is not a request the Server answers`);
  if (message.type === 'production_request' && status === 'complete') {
    const id = urls.idIn('clients', message.related_uri);
    const sandbox = id ? await repos.clients.getOwned(message.registration_id, id) : null;
    if (!sandbox) throw badRequest('the production_request names no sandbox Client Object of its registration');
    await approveProduction(services, sandbox, resolution.description);
    return;
  }
  let related = { related_uri: resolution.related_uri, related_type: resolution.related_type };
  if (message.type === 'grant_request' && status === 'complete') {
    const targetId = urls.idIn('clients', message.related_uri) ?? resolution.client_id ?? null;
    const target = targetId ? await repos.clients.get(targetId) : null;
    if (!target) throw badRequest('name the Client Object the Grants go to (client_id)');
    const created: GrantRecord[] = [];
    for (const request of message.grants_requested ?? []) {
      created.push(await createServerGrant(services, target, request.scope, request.authorization_details as AuthorizationDetail[]));
    }
    related = { related_uri: `${urls.grantsApi}?grant_ids=${created.map((g) => g.grant_id).join('%20')}`, related_type: 'grant_list' };
  }
  if (message.type === 'payment_request' && status === 'complete' && related.related_type !== 'payment_receipt') {
    throw badRequest('a completed payment links its receipt (related_uri, related_type payment_receipt, §6.3)');
  }
  await repos.store.atomically(requestUpdateOps(services, message, {
    status, description: resolution.description ?? `Status: ${status}.`, ...related,
  }));
}

async function resolveFieldChanges(services: Wg1Services, message: MessageRecord, resolution: Resolution): Promise<void> {
  const { repos, urls, clock } = services;
  const ops: StoreOp[] = [...repos.messages.updateOps(message, { status: resolution.status, ...(resolution.description && { description: resolution.description }) }).ops];
  const clientId = urls.idIn('clients', message.related_uri);
  const grantId = urls.idIn('grants', message.related_uri);
  if (clientId && resolution.status === 'complete') {
    const client = await repos.clients.getOwned(message.registration_id, clientId);
    const registration = await repos.registrations.get(message.registration_id);
    const scope = message.updates_requested?.find((u) => u.field === 'scope')?.new_value;
    // Members managed by scope providers (e.g. cds-wg3-01 §8.2 `cds_purposes`) take the value held.
    const held = (message.updates_requested ?? []).filter((u) => services.scopes.clientFields[u.field]);
    if (client && registration && (typeof scope === 'string' || held.length > 0)) {
      let next: ClientRecord = { ...client, cds_modified: nextModified(clock, client.cds_modified) };
      if (typeof scope === 'string') {
        const tokens = scopeTokens(scope);
        next = {
          ...next,
          scope,
          authorization_details_types: [...new Set(tokens.flatMap((id) => services.scopes.get(id)?.authorization_details_types_supported ?? []))],
          ...(client.response_types.length > 0 && { cds_default_scope: scope }),
        };
        ops.push(...repos.registrations.writeOps({ ...registration, added_scopes: [...new Set([...registration.added_scopes, ...tokens.filter((t) => !registration.scopes.includes(t))])] }));
      }
      next.registration_fields = { ...next.registration_fields, ...Object.fromEntries(held.map((u) => [u.field, u.new_value])) };
      ops.push(...repos.clients.collection.writeOps(next, client));
      const detail = [typeof scope === 'string' ? `now has scope ${scope}` : '', ...held.map((u) => `${u.field} changed`)].filter(Boolean).join('; ');
      ops.push(...changelogOps(repos.messages, urls, { registrationId: client.registration_id, kind: 'client', id: client.client_id, action: 'modified', detail: `Client Object ${client.client_id}: ${detail}.` }).ops);
    }
  }
  await repos.store.atomically(ops);
  if (grantId) {
    const grant = await repos.grants.getOwned(message.registration_id, grantId);
    if (grant && grant.status === 'pending') {
      const previous = (field: string) => message.updates_requested?.find((u) => u.field === field)?.previous_value;
      await repos.grants.update(grant, resolution.status === 'complete'
        ? { status: 'active', eta: null, enabled_scope: grant.scope, enabled_authorization_details: grant.authorization_details }
        : { status: 'active', eta: null, scope: String(previous('scope') ?? grant.scope), authorization_details: (previous('authorization_details') as AuthorizationDetail[] | undefined) ?? grant.authorization_details });
    }
  }
}

/** Disables a Client Object the way its own PUT would (§5.2), as a Server action. */
export async function disableClient(services: Wg1Services, client: ClientRecord, reason: string): Promise<ClientRecord> {
  const { repos, urls, clock } = services;
  if (!client.cds_status_options.includes('disabled')) throw badRequest('a cds_client_admin Client Object cannot be disabled (§5.1)');
  if (client.cds_status === 'disabled') return client;
  const next: ClientRecord = { ...client, cds_status: 'disabled', cds_modified: nextModified(clock, client.cds_modified) };
  await repos.store.atomically([
    ...repos.clients.collection.writeOps(next, client),
    ...changelogOps(repos.messages, urls, { registrationId: client.registration_id, kind: 'client', id: client.client_id, action: 'disabled', detail: reason }).ops,
    ...await disableCredentialsOps(services, next),
  ]);
  return next;
}

/** A Server-created Grant for a Client (e.g. §3.3.3 files, an approved grant_request), announced by a Message. */
export async function createServerGrant(services: Wg1Services, client: ClientRecord, scope: string, authorizationDetails: AuthorizationDetail[]): Promise<GrantRecord> {
  const { repos, urls, scopes } = services;
  const outside = scopeTokens(scope).find((s) => !scopeTokens(client.scope).includes(s));
  if (outside) throw badRequest(`scope ${outside} is not a scope of Client Object ${client.client_id}`);
  const problem = scopes.checkAuthorizationDetails(authorizationDetails, client.authorization_details_types);
  if (problem) throw badRequest(problem);
  const grant = await repos.grants.create({ registration_id: client.registration_id, client_id: client.client_id, origin: 'server', scope, authorization_details: authorizationDetails });
  await postMessage(services, {
    registration_id: client.registration_id, type: 'private_message', status: 'complete', name: 'New Grant',
    description: `The Server created Grant ${grant.grant_id} for Client Object ${client.client_id}.`,
    related_uri: urls.grant(grant.grant_id), related_type: 'grant',
  });
  return grant;
}

/**
 * §3.3.3: shares a file with a Server-Provided Files Client by listing its `file_id` in the Client's
 * Server-created Grant (created on first use).
 */
export async function shareFile(services: Wg1Services, file: FileRecord, client: ClientRecord): Promise<GrantRecord> {
  const { repos, scopes, clock, urls } = services;
  const scope = scopeTokens(client.scope).find((id) => scopes.get(id)?.type === SERVER_PROVIDED_FILES_TYPE);
  if (!scope) throw badRequest(`Client Object ${client.client_id} has no Server-Provided Files scope`);
  const entry = { type: scope, file_id: file.file_id };
  const existing = (await repos.grants.ofClient(client.registration_id, client.client_id))
    .find((g) => g.origin === 'server' && g.scope === scope && grantAccess(g, clock()).hasAccess);
  if (!existing) return createServerGrant(services, client, scope, [entry]);
  if (existing.authorization_details.some((d) => d.file_id === file.file_id)) return existing;
  const updated = await repos.grants.update(existing, {
    authorization_details: [...existing.authorization_details, entry],
    enabled_authorization_details: [...existing.enabled_authorization_details, entry],
  });
  await postMessage(services, {
    registration_id: client.registration_id, type: 'private_message', status: 'complete', name: 'New file',
    description: `File ${file.name} is now shared through Grant ${existing.grant_id}.`,
    related_uri: urls.grant(existing.grant_id), related_type: 'grant',
  });
  return updated;
}

/** A Server change of a Grant's status (§8.2), mirrored as a Message (§6). */
export async function setGrantStatus(services: Wg1Services, grant: GrantRecord, status: GrantStatus, reason: string): Promise<GrantRecord> {
  const updated = await services.repos.grants.update(grant, { status, eta: null });
  await postMessage(services, {
    registration_id: grant.registration_id, type: 'private_message', status: 'complete', name: `Grant ${status}`,
    description: reason, related_uri: services.urls.grant(grant.grant_id), related_type: 'grant',
  });
  return updated;
}

/** What the operator sees of one registration. */
export async function registrationView(services: Wg1Services, registrationId: string) {
  const { repos, urls, clock } = services;
  const registration = await repos.registrations.get(registrationId);
  if (!registration) return null;
  const clients = await repos.clients.ofRegistration(registrationId);
  const messages = await repos.messages.ofRegistration(registrationId);
  const grants = (await Promise.all(clients.map((c) => repos.grants.ofClient(registrationId, c.client_id)))).flat();
  return {
    registration,
    clients: clients.map((c) => renderClient(c, urls)),
    grants: grants.map((g) => ({ grant_id: g.grant_id, client_id: g.client_id, status: grantAccess(g, clock()).status, scope: g.scope, origin: g.origin })),
    outstanding: messages.filter((m) => m.status === 'open' || m.status === 'pending')
      .map((m) => ({ message_id: m.message_id, type: m.type, status: m.status, name: m.name, creator: m.creator, related_uri: m.related_uri ?? null })),
  };
}
