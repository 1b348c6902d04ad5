import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { messageListingSchema } from '../../rest-facade/messages';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';
import { call } from './support/http';
import { admin, register, walkPages, type Registered } from './support/wg1';

/** Messages API (cds-wg1-02 §6). */
describe.each<StoreKind>(['memory', 'redis'])('Messages API (%s store)', (kind) => {
  let f: RunningFacade;
  let r: Registered;
  const api = () => `${f.url}/cds-api/v1/messages`;
  const post = (json: unknown) => call('POST', api(), { bearer: r.token, json });
  beforeAll(async () => {
    f = await startFacade({ store: makeStore(kind, inject('redisUrl')), config: { CDS_PAGE_SIZE: '2' } });
    r = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01' });
  });
  afterAll(() => f.close());

  it('lists three overlapping segments, each paged by its own links (§6.8, A39)', async () => {
    for (let i = 0; i < 4; i++) expect((await post({ type: 'support_request', name: `Question ${i}`, description: 'Help' })).status).toBe(201);
    const first = await call('GET', api(), { bearer: r.token });
    messageListingSchema.parse(first.json);
    expect(first.json.outstanding).toHaveLength(2);
    expect(first.json.outstanding_next).not.toBeNull();
    // Following one segment's link fills that segment only.
    const seen: string[] = first.json.outstanding.map((m: any) => m.message_id);
    let link = first.json.outstanding_next;
    while (link) {
      const page = await call('GET', link, { bearer: r.token });
      expect(page.json.unread).toEqual([]);
      expect(page.json.read).toEqual([]);
      expect(page.json.unread_next).toBeNull();
      seen.push(...page.json.outstanding.map((m: any) => m.message_id));
      link = page.json.outstanding_next;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    const byId = await call('GET', `${api()}?message_ids=${seen[0]}`, { bearer: r.token });
    expect(byId.json.outstanding.map((m: any) => m.message_id)).toEqual([seen[0]]);
    expect(byId.json.read.map((m: any) => m.message_id)).toEqual([seen[0]]);
    expect((await call('GET', `${api()}?segment=nope`, { bearer: r.token })).status).toBe(400);
  });

  it('PATCH read moves a Message between unread and read; other members are ignored (§6.11, A36)', async () => {
    const welcome = (await walkPages(`${api()}?segment=unread`, 'unread', r.token)).pages.flat().find((m: any) => m.type === 'notification');
    const read = await call('PATCH', welcome.uri, { bearer: r.token, json: { read: true, name: 'changed', status: 'open' } });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ read: true, name: welcome.name, status: 'complete' });
    expect(read.json.modified > welcome.modified).toBe(true);
    const lists = (await call('GET', `${api()}?message_ids=${welcome.message_id}`, { bearer: r.token })).json;
    expect(lists.unread).toEqual([]);
    expect(lists.read.map((m: any) => m.message_id)).toEqual([welcome.message_id]);
    for (const bad of [{ read: 'yes' }, { read: null }, { read: 1 }]) {
      expect((await call('PATCH', welcome.uri, { bearer: r.token, json: bad })).status).toBe(400);
    }
    expect((await call('PATCH', welcome.uri, { bearer: r.token, json: { read: false } })).json.read).toBe(false);
  });

  it('creates the types a Client may create, with their statuses, and refuses the rest (§6.9, A23, A25)', async () => {
    const reply = await post({ type: 'private_message', name: 'Hi', description: 'Hello' });
    expect(reply.json).toMatchObject({ status: 'complete', read: true, creator: r.clientId, previous_uri: null });
    const amendment = await post({ type: 'private_message', name: 'Hi again', description: 'PS', previous_uri: reply.json.uri });
    expect(amendment.json.previous_uri).toBe(reply.json.uri);
    const withFile = await post({ type: 'support_request', name: 'Log', description: 'see file', related_uri: `${f.url}/cds-api/v1/clients`, related_type: 'client_list',
      attachments: [{ filename: 'log.txt', mime_type: 'text/plain', data: Buffer.from('hello').toString('base64') }] });
    expect(withFile.status).toBe(201);
    expect(withFile.json).toMatchObject({ status: 'pending', related_type: 'client_list', attachments: [{ filename: 'log.txt' }] });
    for (const body of [
      { type: 'notification', name: 'x', description: 'y' },
      { type: 'request_update', name: 'x', description: 'y' },
      { type: 'private_message', name: 'x' },
      { type: 'private_message', name: 'x', description: 'y', previous_uri: `${f.url}/cds-api/v1/messages/0000000000000000` },
      { type: 'private_message', name: 'x', description: 'y', related_uri: 'https://x.invalid/' },
      { type: 'production_request', name: 'x', description: 'y', related_uri: `${f.url}/cds-api/v1/clients/${r.clientId}` },
      { type: 'grant_request', name: 'x', description: 'y', grants_requested: [] },
      { type: 'grant_request', name: 'x', description: 'y', grants_requested: [{ scope: 'cds_server_provided_files_01', authorization_details: [{ type: 'nope' }] }] },
      { type: 'client_submission', name: '', description: '', updates_requested: [{ field: 'a', description: 'b' }] },
      { type: 'support_request', name: 'x', description: 'y', attachments: [{ filename: 'a', mime_type: 'text/plain', data: '***' }] },
    ]) {
      const refused = await post(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('a grant_request is answered with Server-created Grants, linked as a filtered list (§6.3)', async () => {
    const request = await post({
      type: 'grant_request', name: 'Files please', description: 'the onboarding pack',
      grants_requested: [{ scope: 'cds_server_provided_files_01', authorization_details: [{ type: 'cds_server_provided_files_01', file_id: 'f1' }] }],
    });
    expect(request.status).toBe(201);
    expect(request.json.status).toBe('pending');
    const clients = (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token)).pages.flat();
    const files = clients.find((c: any) => c.scope === 'cds_server_provided_files_01');
    expect((await admin(f, 'POST', `/messages/${request.json.message_id}/resolve`, { status: 'complete', client_id: files.client_id })).status).toBe(200);
    const update = (await walkPages(`${api()}?segment=unread`, 'unread', r.token)).pages.flat().find((m: any) => m.type === 'request_update');
    expect(update).toMatchObject({ status: 'complete', related_type: 'grant_list', previous_uri: request.json.uri });
    const listed = await call('GET', update.related_uri, { bearer: r.token });
    expect(listed.json.grants).toHaveLength(1);
    expect(listed.json.grants[0]).toMatchObject({ client_id: files.client_id, authorization_details: [{ type: 'cds_server_provided_files_01', file_id: 'f1' }] });
  });

  it('a server_request is answered by a client_submission naming its fields; the request goes pending (§6.9)', async () => {
    const asked = await admin(f, 'POST', `/registrations/${r.registrationId}/messages`, {
      type: 'server_request', name: 'Tax id', description: 'Send your tax id',
      updates_requested: [{ field: 'tax_id', name: 'Tax id', description: 'Your tax id' }],
    });
    expect(asked.status).toBe(201);
    expect(asked.json).toMatchObject({ status: 'open', read: false, creator: null });
    const wrongField = await post({ type: 'client_submission', previous_uri: asked.json.uri, name: '', description: '', updates_requested: [{ field: 'other', description: '1' }] });
    expect(wrongField.status).toBe(400);
    const answer = await post({ type: 'client_submission', previous_uri: asked.json.uri, name: '', description: '', updates_requested: [{ field: 'tax_id', description: '12-345' }] });
    expect(answer.status).toBe(201);
    expect((await call('GET', asked.json.uri, { bearer: r.token })).json.status).toBe('pending');
  });

  it('attachments over the limit are refused with 413 (§6.9: the limit is at least 10 MB)', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1).toString('base64');
    const reply = await post({ type: 'support_request', name: 'big', description: 'file', attachments: [{ filename: 'a.bin', mime_type: 'application/octet-stream', data: big }] });
    expect(reply.status).toBe(413);
    const ok = await post({ type: 'support_request', name: 'fits', description: 'file', attachments: [{ filename: 'a.bin', mime_type: 'application/octet-stream', data: Buffer.alloc(10 * 1024 * 1024, 1).toString('base64') }] });
    expect(ok.status).toBe(201);
  });
});
