import { z } from 'zod';
import { HttpError, badRequest } from '../errors';
import type { Wg1Services } from '../registration/services';
import type { ClientRecord } from '../clients';
import type { AuthorizationDetail, ScopeRegistry } from '../scopes';
import type { NewMessage } from './repository';
import {
  attachmentSchema, grantRequestSchema, relatedTypeSchema, updateRequestSchema, type GrantRequest, type MessageRecord, type MessageType,
} from './schema';
import { describeIssues } from '../registration/http';

/** The types a Client may create (§6.9) and the status each starts in. */
const CLIENT_TYPES = {
  private_message: 'complete',
  production_request: 'pending',
  support_request: 'pending',
  grant_request: 'pending',
  client_submission: 'complete',
} as const satisfies Partial<Record<MessageType, MessageRecord['status']>>;

/** What a `client_submission` may answer (A25: PDF and online forms are answered the same way). */
const ANSWERABLE: readonly MessageType[] = ['server_request', 'pdf_form_request', 'online_form_request'];

const createSchema = z.object({
  type: z.enum(Object.keys(CLIENT_TYPES) as (keyof typeof CLIENT_TYPES)[], { error: 'type must be one a Client may create (§6.9)' }),
  previous_uri: z.string().nullable().optional(),
  name: z.string({ error: 'name is required' }).max(1000),
  description: z.string({ error: 'description is required' }).max(100_000),
  updates_requested: z.array(updateRequestSchema).max(100).optional(),
  grants_requested: z.array(grantRequestSchema).max(100).optional(),
  related_uri: z.url().nullable().optional(),
  related_type: relatedTypeSchema.optional(),
  attachments: z.array(attachmentSchema).max(20).optional(),
});

/** Why `client` cannot receive the Grant a `grants_requested` entry asks for, or null when it can. */
function grantRequestProblem(scopes: ScopeRegistry, request: GrantRequest, client: ClientRecord): string | null {
  const own = scopes.forClient(client);
  const unknown = request.scope.split(' ').filter(Boolean).find((s) => !own.get(s));
  if (unknown) return `scope ${unknown} is not described`;
  return scopes.checkAuthorizationDetails(request.authorization_details as AuthorizationDetail[], client.authorization_details_types, client);
}

/**
 * A Client's new Message (§6.9): validated against the registration's own objects, with the side
 * effects the spec names (a `client_submission` moves an open request to `pending`). Returns what
 * to store; nothing is stored when the request is refused.
 */
export async function clientMessage(
  services: Wg1Services, registrationId: string, creator: string, rawBody: Record<string, unknown>,
): Promise<{ message: NewMessage; answered: MessageRecord | null }> {
  const parsed = createSchema.safeParse(rawBody);
  if (!parsed.success) throw badRequest(describeIssues(parsed.error));
  const body = parsed.data;
  const { repos, urls, scopes, settings } = services;

  const attachmentBytes = (body.attachments ?? []).reduce((n, a) => n + Buffer.byteLength(a.data, 'base64'), 0);
  if (attachmentBytes > settings.attachmentLimitBytes) {
    throw new HttpError(413, 'invalid_request', `attachments are limited to ${settings.attachmentLimitBytes} bytes per Message`);
  }

  let previous: MessageRecord | null = null;
  if (body.previous_uri !== undefined && body.previous_uri !== null) {
    const id = urls.idIn('messages', body.previous_uri);
    previous = id ? await repos.messages.getOwned(registrationId, id) : null;
    if (!previous) throw badRequest('previous_uri is not a Message of this registration');
  }

  let relatedUri = body.related_uri ?? null;
  let relatedType = body.related_type;
  switch (body.type) {
    case 'client_submission': {
      if (!previous || !ANSWERABLE.includes(previous.type)) throw badRequest(`a client_submission answers a Message of type ${ANSWERABLE.join(', ')} named by previous_uri`);
      const answers = body.updates_requested ?? [];
      if (answers.length === 0) throw badRequest('a client_submission carries updates_requested (§6.9)');
      const asked = new Set((previous.updates_requested ?? []).map((u) => u.field));
      const stray = answers.find((a) => previous!.type === 'server_request' && !asked.has(a.field));
      if (stray) throw badRequest(`updates_requested field ${stray.field} was not requested`);
      if (answers.some((a) => a.description === undefined && a.uri === undefined) && !body.attachments?.length) {
        throw badRequest('each answer needs a description or a uri');
      }
      break;
    }
    case 'production_request': {
      const id = urls.idIn('clients', relatedUri);
      const client = id ? await repos.clients.getOwned(registrationId, id) : null;
      if (!client || !client.cds_status_options.includes('sandbox')) {
        throw badRequest('related_uri must be the cds_client_uri of a sandbox Client Object of this registration');
      }
      relatedType = 'client';
      break;
    }
    case 'grant_request': {
      const requests = body.grants_requested ?? [];
      if (requests.length === 0) throw badRequest('a grant_request carries grants_requested (§6.6)');
      // Each request is checked as the Client receiving it sees the scopes (its own Purposes,
      // cds-wg3-01 §7.4.4): the target Client, or without one (A27) some Client of the registration.
      let receivers: ClientRecord[];
      if (relatedUri !== null) {
        const id = urls.idIn('clients', relatedUri);
        const client = id ? await repos.clients.get(id) : null;
        if (!client) throw badRequest('related_uri must be the cds_client_uri of a Client Object');
        relatedType = 'client';
        receivers = [client];
      } else {
        receivers = await repos.clients.ofRegistration(registrationId);
      }
      for (const request of requests) {
        const problems = receivers.map((client) => grantRequestProblem(scopes, request, client));
        if (problems.includes(null)) continue;
        // Say why the Clients carrying the request's types refuse it, rather than the others.
        const carrying = problems.find((_, i) => request.authorization_details.every((e) => receivers[i].authorization_details_types.includes(e.type)));
        throw badRequest(`grants_requested: ${carrying ?? problems[0] ?? 'no Client of this registration can receive it'}`);
      }
      break;
    }
    default:
      break;
  }
  if (relatedUri !== null && relatedType === undefined) throw badRequest('related_type is required with related_uri (§6.1)');
  if (relatedUri === null) relatedType = undefined;

  return {
    message: {
      registration_id: registrationId,
      type: body.type,
      status: CLIENT_TYPES[body.type],
      creator,
      read: true,
      previous_id: previous?.message_id ?? null,
      name: body.name,
      description: body.description,
      ...(body.updates_requested && { updates_requested: body.updates_requested }),
      ...(body.grants_requested && { grants_requested: body.grants_requested }),
      ...(body.attachments && { attachments: body.attachments }),
      ...(relatedUri !== null && { related_uri: relatedUri, related_type: relatedType }),
    },
    answered: body.type === 'client_submission' && previous?.status === 'open' ? previous : null,
  };
}
