import { z } from 'zod';
import { fieldChangesMessage, renderClient, type ClientObject, type ClientRecord } from '../clients';
import { HttpError } from '../errors';
import type { NewMessage, UpdateRequest } from '../messages';
import {
  CLIENT_ADMIN_SCOPE, GRANT_ADMIN_TYPE, SERVER_PROVIDED_FILES_TYPE, type RegistrationFieldSetting, type ScopeDescription,
} from '../scopes';
import type { StoreOp } from '../store';
import { epochSeconds, isoAt } from './clock';
import { fieldFormatChecks } from './fieldFormats';
import { describeIssues } from './http';
import { newId } from './ids';
import type { RegistrationRecord } from './repository';
import type { Wg1Services } from './services';

const invalid = (description: string) => new HttpError(400, 'invalid_client_metadata', description);

/** The RFC 7591 §2 client metadata this Server accepts at registration; other members are ignored. */
/** Links shown to customers (consent pages) are web links only: no `javascript:` or `data:`. */
const webUrl = z.url({ protocol: /^https?$/ });
const requestSchema = z.looseObject({
  scope: z.string({ error: 'scope is required' }),
  client_name: z.string().min(1).max(200).optional(),
  client_uri: webUrl.optional(),
  logo_uri: webUrl.optional(),
  tos_uri: webUrl.optional(),
  policy_uri: webUrl.optional(),
  contacts: z.array(z.string().min(1).max(320)).max(20).optional(),
});
type RegistrationRequest = z.infer<typeof requestSchema>;

/** A group of scopes that one Client Object can carry (§4.2: same response types, grant types, auth). */
interface ClientPlan {
  scopes: ScopeDescription[];
  responseTypes: string[];
  grantTypes: string[];
  authMethod: string | null;
}

/** The auth method a Client of this scope gets: `client_secret_basic` when offered (§12.4), else the first. */
function authMethodOf(sd: ScopeDescription): string | null {
  const methods = sd.token_endpoint_auth_methods_supported;
  return methods.includes('client_secret_basic') ? 'client_secret_basic' : methods[0] ?? null;
}

function planFor(sd: ScopeDescription): ClientPlan {
  return { scopes: [sd], responseTypes: sd.response_types_supported, grantTypes: sd.grant_types_supported, authMethod: authMethodOf(sd) };
}

/**
 * Which Client Objects a registration creates (§4.2): the Client Admin Client alone; one Client per
 * Grant Admin scope, requested or referenced by a requested scope's `grant_admin_scope` (A11); one
 * per Server-Provided Files scope; the other scopes combined where their response types, grant
 * types and auth method agree.
 */
export function planClients(requested: ScopeDescription[], lookup: (id: string) => ScopeDescription | undefined): ClientPlan[] {
  const plans: ClientPlan[] = [];
  const combined = new Map<string, ClientPlan>();
  const grantAdmin = new Set<string>();
  for (const sd of requested) {
    if (sd.grant_admin_scope) grantAdmin.add(sd.grant_admin_scope);
    if (sd.id === CLIENT_ADMIN_SCOPE) continue;
    if (sd.type === GRANT_ADMIN_TYPE) { grantAdmin.add(sd.id); continue; }
    if (sd.type === SERVER_PROVIDED_FILES_TYPE) { plans.push(planFor(sd)); continue; }
    const plan = planFor(sd);
    const key = JSON.stringify([plan.responseTypes, plan.grantTypes, plan.authMethod]);
    const existing = combined.get(key);
    if (existing) existing.scopes.push(sd);
    else combined.set(key, plan);
  }
  return [
    ...[...grantAdmin].map((id) => planFor(lookup(id)!)),
    ...plans,
    ...combined.values(),
  ];
}

/** The `registration_field` values of the request (§3.5–§3.7, §4.1); required beats optional (A50). */
function registrationValues(
  services: Wg1Services, requested: ScopeDescription[], body: Record<string, unknown>,
): { byFieldName: Record<string, unknown>; steps: RegistrationFieldSetting[] } {
  const required = new Set(requested.flatMap((sd) => sd.registration_requirements));
  const optional = new Set(requested.flatMap((sd) => sd.registration_optional));
  const checks = fieldFormatChecks(services.scopes.extraFieldFormats);
  const byFieldName: Record<string, unknown> = {};
  const steps: RegistrationFieldSetting[] = [];
  for (const id of new Set([...required, ...optional])) {
    const field = services.scopes.field(id)!;
    if (field.type !== 'registration_field') {
      if (required.has(id)) steps.push(field);
      continue;
    }
    const name = field.field_name!;
    const value = body[name];
    if (value === undefined) {
      if (required.has(id)) throw invalid(`${name} is required by the requested scopes (registration field ${id})`);
      byFieldName[name] = field.default;
      continue;
    }
    const check = checks[field.format!];
    if (!check) throw new Error(`registration field ${id} has format ${field.format} with no checker`);
    const problem = check(value, field);
    if (problem) throw invalid(`${name} ${problem}`);
    byFieldName[name] = value;
  }
  return { byFieldName, steps };
}

/**
 * The registration values a Client shows (§5.1), plus the members extensions manage (§10), which
 * their rules fill whether or not a value was submitted (e.g. cds-wg3-01 Server-default Purposes).
 */
function clientFieldValues(
  services: Wg1Services, byFieldName: Record<string, unknown>, names: Set<string>, scopes: string[],
): { values: Record<string, unknown>; held: UpdateRequest[] } {
  const managed = services.scopes.clientFields;
  const values: Record<string, unknown> = {};
  const held: UpdateRequest[] = [];
  for (const [name, value] of Object.entries(byFieldName)) {
    if (names.has(name) && !managed[name]) values[name] = value;
  }
  for (const [name, rules] of Object.entries(managed)) {
    const outcome = rules.onRegister?.(names.has(name) ? byFieldName[name] : undefined, scopes);
    if (!outcome) continue;
    if (!outcome.ok) throw invalid(`${name}: ${outcome.error_description}`);
    if (outcome.value !== undefined) values[name] = outcome.value;
    // A value the extension holds for the Server's review (§5.5), e.g. Client-written Purposes.
    if (outcome.review !== undefined) held.push({ field: name, previous_value: outcome.value ?? null, new_value: outcome.review });
  }
  return { values, held };
}

/** The Message a post-registration step starts with (§3.6), answered by the operator later. */
function stepMessage(field: RegistrationFieldSetting): Omit<NewMessage, 'registration_id'> | null {
  const link = field.request_uri ?? field.documentation;
  switch (field.type) {
    case 'payment_required':
      return { type: 'payment_request', status: 'open', name: 'Registration payment', description: field.description, related_uri: link, related_type: 'payment_form', amount: field.amount, currency: field.currency };
    case 'email_verification':
    case 'sso_verification':
    case 'online_form':
      return { type: 'online_form_request', status: 'open', name: field.type === 'email_verification' ? 'Email verification' : field.type === 'sso_verification' ? 'Single sign-on verification' : 'Online form', description: field.description, related_uri: link, related_type: 'online_form' };
    case 'pdf_form':
      return { type: 'pdf_form_request', status: 'open', name: 'PDF form', description: field.description, related_uri: link, related_type: 'pdf_form' };
    default:
      return null; // internal_review: the review itself is the production request.
  }
}

export interface RegistrationResult {
  status: number;
  body: ClientObject & { client_secret: string };
}

/**
 * §4: registers a Client. Everything the registration creates (Client Objects, Credentials, the
 * opening Messages) is written in one atomic batch; nothing is written when the request is refused.
 */
export async function register(services: Wg1Services, rawBody: unknown): Promise<RegistrationResult> {
  if (rawBody === null || typeof rawBody !== 'object' || Array.isArray(rawBody)) throw invalid('the request body must be a JSON object');
  const parsed = requestSchema.safeParse(rawBody);
  if (!parsed.success) throw invalid(describeIssues(parsed.error));
  const request: RegistrationRequest = parsed.data;
  const body = rawBody as Record<string, unknown>;

  const scopeIds = [...new Set(request.scope.split(' ').filter(Boolean))];
  const { scopes, repos, urls, clock, config } = services;
  if (!scopeIds.includes(CLIENT_ADMIN_SCOPE)) throw invalid(`scope must include ${CLIENT_ADMIN_SCOPE} (§4.1)`);
  const undescribed = scopeIds.filter((id) => !scopes.get(id));
  if (undescribed.length > 0) throw invalid(`scope ${undescribed.join(' ')} cannot be registered here; see cds_scope_descriptions`);
  const requested = scopeIds.map((id) => scopes.get(id)!);
  const { byFieldName, steps } = registrationValues(services, requested, body);

  const registrationId = newId();
  const now = isoAt(clock());
  const issuedAt = epochSeconds(clock);
  const production = config.CDS_MODE === 'production';
  const ops: StoreOp[] = [];
  const messages: Omit<NewMessage, 'registration_id'>[] = [];
  const shared = {
    client_name: request.client_name ?? null,
    contacts: request.contacts ?? [],
    ...(request.client_uri && { client_uri: request.client_uri }),
    ...(request.logo_uri && { logo_uri: request.logo_uri }),
    ...(request.tos_uri && { tos_uri: request.tos_uri }),
    ...(request.policy_uri && { policy_uri: request.policy_uri }),
  };

  const admin: ClientRecord = {
    client_id: newId(),
    registration_id: registrationId,
    client_id_issued_at: issuedAt,
    scope: CLIENT_ADMIN_SCOPE,
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    authorization_details_types: [],
    cds_created: now,
    cds_modified: now,
    cds_status: 'production',
    cds_status_options: ['production'],
    default_redirect_uri: null,
    registration_fields: {},
    production_of: null,
    ...shared,
  };
  const clients = [admin];
  for (const plan of planClients(requested, (id) => scopes.get(id))) {
    const needsReview = plan.responseTypes.length > 0
      || plan.scopes.some((sd) => sd.registration_requirements.some((id) => scopes.field(id)?.type !== 'registration_field'));
    // §4.2/A13: code-flow Clients always start in the sandbox; in production mode the rest start
    // in production unless a requirement still has to be met.
    const status = !production || needsReview ? 'sandbox' : 'production';
    const fieldNames = new Set(plan.scopes.flatMap((sd) => [...sd.registration_requirements, ...sd.registration_optional])
      .map((id) => scopes.field(id)?.field_name).filter((n): n is string => n !== undefined));
    const code = plan.responseTypes.length > 0;
    const scope = plan.scopes.map((sd) => sd.id).join(' ');
    const fields = clientFieldValues(services, byFieldName, fieldNames, plan.scopes.map((sd) => sd.id));
    const client: ClientRecord = {
      client_id: newId(),
      registration_id: registrationId,
      client_id_issued_at: issuedAt,
      scope,
      redirect_uris: code ? [urls.defaultRedirect] : [],
      token_endpoint_auth_method: plan.authMethod,
      grant_types: plan.grantTypes,
      response_types: plan.responseTypes,
      authorization_details_types: [...new Set(plan.scopes.flatMap((sd) => sd.authorization_details_types_supported))],
      cds_created: now,
      cds_modified: now,
      cds_status: status,
      cds_status_options: [status, 'disabled'],
      ...(code && { cds_default_scope: scope, cds_default_redirect_uri: urls.defaultRedirect, cds_default_authorization_details: [] }),
      default_redirect_uri: code ? urls.defaultRedirect : null,
      registration_fields: fields.values,
      production_of: null,
      ...shared,
    };
    clients.push(client);
    if (fields.held.length > 0) messages.push(fieldChangesMessage(client.client_id, fields.held, urls));
    if (production && status === 'sandbox') {
      // A26: the Server opens the production review itself.
      messages.push({
        type: 'production_request', status: 'pending', name: 'Production access request',
        description: `A review for production access has been started for Client ${client.client_id} (${scope}).`,
        related_uri: urls.client(client.client_id), related_type: 'client',
      });
    }
  }
  for (const client of clients) ops.push(...repos.clients.collection.writeOps(client));

  let adminSecret = '';
  for (const client of clients) {
    if (client.token_endpoint_auth_method === null || client.token_endpoint_auth_method === 'none') continue; // A12
    const isAdmin = client === admin;
    const credential = repos.credentials.prepare({ registrationId, clientId: client.client_id, deferReveal: !isAdmin });
    ops.push(...credential.ops);
    if (isAdmin) adminSecret = credential.secret;
  }

  messages.unshift({
    type: 'notification', status: 'complete', name: 'Welcome!',
    description: `Your registration created ${clients.length} Client Objects. Their secrets are on the Credentials API, each shown once; questions go in a support_request Message.`,
    related_uri: urls.docs(), related_type: 'documentation',
  });
  for (const field of steps) {
    const message = stepMessage(field);
    if (message) messages.push(message);
  }
  for (const message of messages) ops.push(...repos.messages.createOps({ ...message, registration_id: registrationId }).ops);

  const record: RegistrationRecord = {
    registration_id: registrationId,
    created: now,
    client_name: request.client_name ?? null,
    scopes: scopeIds,
    added_scopes: [],
    admin_client_id: admin.client_id,
    registration_fields: byFieldName,
  };
  ops.push(...repos.registrations.writeOps(record));
  await repos.store.atomically(ops);

  // A4: RFC 7591 §3.2.1 answers 201; A5: no client_secret_expires_at on a Client Object.
  return { status: 201, body: { ...renderClient(admin, urls), client_secret: adminSecret } };
}
