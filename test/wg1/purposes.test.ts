import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultScopeSettings } from '../../rest-facade/scopes';
import { demoCustomerDataConfig } from '../../rest-facade/scopes/customer-data';
import { makeStore, startFacade, type RunningFacade } from './support/facade';
import { call } from './support/http';
import { admin, discover, register, walkPages, type Registered } from './support/wg1';

/**
 * cds-wg3-01 §5.1 and §8 through the real registration endpoint and Clients API: `cds_purposes`
 * submitted at registration, the Server-default Purposes, and the §8.2 PUT rules (with and
 * without the Server's review, cds-wg1-02 §5.5).
 */

const OWN = {
  id: '', name: 'Audit', content: 'Only for your energy audit.\nDeleted after 30 days.',
  related_uri: 'https://app.invalid/terms', related_name: 'Our terms', scopes_supported: [],
};

async function clientsOf(f: RunningFacade, r: Registered): Promise<any[]> {
  return (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token)).pages.flat();
}

const byScope = (clients: any[], scope: string) => clients.find((c) => c.scope === scope);

describe('cds_purposes at registration (§5.1, §7.4.4, §8.1)', () => {
  let f: RunningFacade;
  let asm: any;
  beforeAll(async () => {
    f = await startFacade({ store: makeStore('redis', inject('redisUrl')) });
    asm = await discover(f);
  });
  afterAll(() => f.close());

  it('publishes the purposes Registration Field on every consent scope and on no direct scope', () => {
    expect(asm.cds_registration_fields.cds_purposes).toMatchObject({
      id: 'cds_purposes', type: 'registration_field', field_name: 'cds_purposes', format: 'purposes_or_null', default: null,
    });
    for (const sd of Object.values<any>(asm.cds_scope_descriptions)) {
      const consent = sd.id.startsWith('cds_') && sd.response_types_supported.includes('code');
      expect(sd.registration_optional.includes('cds_purposes'), sd.id).toBe(consent);
    }
  });

  it('gives the code-flow Client the Server defaults plus the submitted Purposes with Server ids and scopes', async () => {
    const r = await register(f, { scope: 'cds_client_admin cds_usage cds_meters cds_query_accounts', cds_purposes: [OWN] });
    const clients = await clientsOf(f, r);
    const code = byScope(clients, 'cds_usage cds_meters');
    const purposes = code.cds_purposes;
    // The Server default, exactly as configured and offered as the public `purpose` choice.
    const serverDefault = demoCustomerDataConfig({ publicUrl: f.url }).defaultPurposes['default-01'];
    expect(purposes['default-01']).toEqual(serverDefault);
    const choices = asm.cds_scope_descriptions.cds_usage.authorization_details_fields_supported.find((field: any) => field.id === 'purpose').choices;
    expect(choices).toEqual([expect.objectContaining({ id: 'default-01', description: serverDefault.content })]);
    const own = Object.values<any>(purposes).filter((p) => p.id !== 'default-01');
    expect(own).toHaveLength(1);
    expect(own[0]).toEqual({ ...OWN, id: expect.stringMatching(/^[0-9a-f]{16}$/), scopes_supported: ['cds_usage', 'cds_meters'] });
    expect(purposes[own[0].id]).toBe(own[0]);
    // Direct access and administrative Clients have no Purposes (§7.4.4: consent scopes only).
    expect(byScope(clients, 'cds_query_accounts')).not.toHaveProperty('cds_purposes');
    expect(byScope(clients, 'cds_client_admin')).not.toHaveProperty('cds_purposes');
    expect(r.response).not.toHaveProperty('cds_purposes');
  });

  it('gives only the Server defaults when nothing (or null) is submitted', async () => {
    for (const extra of [{}, { cds_purposes: null }]) {
      const r = await register(f, { scope: 'cds_client_admin cds_accounts', ...extra });
      expect(Object.keys(byScope(await clientsOf(f, r), 'cds_accounts').cds_purposes)).toEqual(['default-01']);
    }
  });

  it.each([
    ['an empty list', []],
    ['a Purpose with its own id', [{ ...OWN, id: 'mine' }]],
    ['a Purpose with scopes', [{ ...OWN, scopes_supported: ['cds_usage'] }]],
    ['blank content', [{ ...OWN, content: '  ' }]],
    ['a related_uri without related_name', [{ ...OWN, related_name: null }]],
    ['a map instead of a list', { x: OWN }],
  ])('refuses %s with invalid_client_metadata and creates nothing', async (_what, value) => {
    const count = async () => (await admin(f, 'GET', '/registrations')).json.registrations.length;
    const before = await count();
    const reply = await call('POST', `${f.url}/oauth/register`, { json: { scope: 'cds_client_admin cds_usage', cds_purposes: value } });
    expect(reply.status, reply.text).toBe(400);
    expect(reply.json).toMatchObject({ error: 'invalid_client_metadata', error_description: expect.stringContaining('cds_purposes') });
    expect(await count()).toBe(before);
  });
});

describe('cds_purposes on the Clients API (§8.2)', () => {
  let f: RunningFacade;
  let r: Registered;
  let code: any;
  let ownId: string;
  beforeAll(async () => {
    f = await startFacade({ store: makeStore('redis', inject('redisUrl')) });
    r = await register(f, { scope: 'cds_client_admin cds_usage cds_meters cds_query_accounts', cds_purposes: [OWN] });
    code = byScope(await clientsOf(f, r), 'cds_usage cds_meters');
    ownId = Object.keys(code.cds_purposes).find((id) => id !== 'default-01')!;
  });
  afterAll(() => f.close());

  const get = async () => (await call('GET', code.cds_client_uri, { bearer: r.token })).json;
  const put = (json: unknown) => call('PUT', code.cds_client_uri, { bearer: r.token, json });

  it('an unchanged echo changes nothing', async () => {
    const current = await get();
    const reply = await put(current);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toEqual(current);
  });

  it('ignores changes to and the removal of Server-default Purposes', async () => {
    const current = await get();
    const { 'default-01': original } = current.cds_purposes;
    const edited = await put({ ...current, cds_purposes: { ...current.cds_purposes, 'default-01': { ...original, content: 'Anything at all.' } } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.cds_purposes['default-01']).toEqual(original);
    const { 'default-01': _dropped, ...rest } = current.cds_purposes;
    const removed = await put({ ...edited.json, cds_purposes: rest });
    expect(removed.json.cds_purposes['default-01']).toEqual(original);
  });

  it('changes the text of the Client\'s own Purpose, never its id or scopes_supported', async () => {
    const current = await get();
    const reply = await put({
      ...current,
      cds_purposes: { ...current.cds_purposes, [ownId]: { ...current.cds_purposes[ownId], content: 'For your audit report.', id: 'renamed', scopes_supported: ['cds_usage'] } },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.cds_purposes[ownId]).toEqual({ ...current.cds_purposes[ownId], content: 'For your audit report.' });
    expect(reply.json.cds_purposes).not.toHaveProperty('renamed');
    expect(reply.json.cds_modified > current.cds_modified).toBe(true);
    expect(await get()).toEqual(reply.json);
  });

  it('adds a Purpose with an unknown id under a Server id and the Client\'s consent scopes', async () => {
    const current = await get();
    const reply = await put({
      ...current,
      cds_purposes: { ...current.cds_purposes, mine: { ...OWN, id: 'mine', name: 'Second', scopes_supported: ['cds_query_accounts'] } },
    });
    expect(reply.status, reply.text).toBe(200);
    const added = Object.values<any>(reply.json.cds_purposes).filter((p) => !(p.id in current.cds_purposes));
    expect(added).toEqual([{ ...OWN, name: 'Second', id: expect.stringMatching(/^[0-9a-f]{16}$/), scopes_supported: ['cds_usage', 'cds_meters'] }]);
    expect(reply.json.cds_purposes).not.toHaveProperty('mine');
  });

  it('removes an own Purpose the request leaves out; omitting cds_purposes keeps only the defaults', async () => {
    const current = await get();
    const { [ownId]: _gone, ...rest } = current.cds_purposes;
    const reply = await put({ ...current, cds_purposes: rest });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.cds_purposes).not.toHaveProperty(ownId);
    expect(Object.keys(reply.json.cds_purposes).length).toBe(Object.keys(current.cds_purposes).length - 1);
    const { cds_purposes: _omitted, ...withoutMember } = reply.json;
    expect((await put(withoutMember)).json.cds_purposes).toEqual({ 'default-01': current.cds_purposes['default-01'] });
  });

  it('refuses an invalid Purpose or a list, and Purposes on a direct access Client, changing nothing', async () => {
    const current = await get();
    for (const value of [{ x: { ...OWN, content: '' } }, [OWN], { x: 'text' }]) {
      const reply = await put({ ...current, cds_purposes: value });
      expect(reply.status, reply.text).toBe(400);
      expect(reply.json.error).toBe('invalid_client_metadata');
    }
    expect(await get()).toEqual(current);
    const direct = byScope(await clientsOf(f, r), 'cds_query_accounts');
    const reply = await call('PUT', direct.cds_client_uri, { bearer: r.token, json: { ...direct, cds_purposes: { x: OWN } } });
    expect(reply.status, reply.text).toBe(400);
    expect(reply.json.error_description).toMatch(/consent scopes/);
  });
});

describe('cds_purposes under the Server\'s review (§8.2, cds-wg1-02 §5.5)', () => {
  let f: RunningFacade;
  let r: Registered;
  let code: any;
  beforeAll(async () => {
    f = await startFacade({ store: makeStore('memory', ''), scopeSettings: { ...defaultScopeSettings, reviewClientPurposes: true } });
    r = await register(f, { scope: 'cds_client_admin cds_usage', cds_purposes: [OWN] });
    code = byScope(await clientsOf(f, r), 'cds_usage');
  });
  afterAll(() => f.close());

  const get = async () => (await call('GET', code.cds_client_uri, { bearer: r.token })).json;
  /** The pending field_changes Message proposing a Purpose of that name. */
  const reviewOf = async (name: string) => (await call('GET', `${f.url}/cds-api/v1/messages`, { bearer: r.token })).json.outstanding
    .find((m: any) => m.type === 'field_changes' && m.status === 'pending' && Object.values<any>(m.updates_requested[0].new_value).some((p) => p.name === name));

  it('holds the Purposes submitted at registration too: the Client starts with the defaults alone', async () => {
    expect(Object.keys(code.cds_purposes)).toEqual(['default-01']);
    const review = await reviewOf(OWN.name);
    expect(review).toMatchObject({ creator: null, related_type: 'client', related_uri: code.cds_client_uri });
    expect(review.updates_requested).toHaveLength(1);
    const [update] = review.updates_requested;
    expect(update).toMatchObject({ field: 'cds_purposes', previous_value: code.cds_purposes });
    expect(Object.values(update.new_value)).toEqual([
      code.cds_purposes['default-01'], { ...OWN, id: expect.stringMatching(/^[0-9a-f]{16}$/), scopes_supported: ['cds_usage'] },
    ]);
  });

  it('holds an added Purpose: 202 with the old value, a field_changes Message, applied once approved', async () => {
    const current = await get();
    const proposed = { ...current.cds_purposes, new: { ...OWN, id: 'new', name: 'Reviewed' } };
    const reply = await call('PUT', code.cds_client_uri, { bearer: r.token, json: { ...current, cds_purposes: proposed } });
    expect(reply.status, reply.text).toBe(202);
    expect(reply.json.cds_purposes).toEqual(current.cds_purposes);
    const review = await reviewOf('Reviewed');
    expect(review).toMatchObject({ creator: null, status: 'pending', related_type: 'client', related_uri: code.cds_client_uri });
    const [update] = review.updates_requested;
    expect(update).toMatchObject({ field: 'cds_purposes', previous_value: current.cds_purposes });
    const held = Object.values<any>(update.new_value).find((p) => p.name === 'Reviewed');
    expect(held).toEqual({ ...OWN, name: 'Reviewed', id: expect.stringMatching(/^[0-9a-f]{16}$/), scopes_supported: ['cds_usage'] });
    expect(await get()).toEqual(current);

    expect((await admin(f, 'POST', `/messages/${review.message_id}/resolve`, { status: 'complete' })).status).toBe(200);
    const after = await get();
    expect(after.cds_purposes).toEqual(update.new_value);
    expect(after.cds_modified > current.cds_modified).toBe(true);
  });

  it('applies a removal at once: nothing new is shown to customers', async () => {
    const current = await get();
    const kept = Object.fromEntries(Object.entries<any>(current.cds_purposes).filter(([, p]) => p.name !== 'Reviewed'));
    const reply = await call('PUT', code.cds_client_uri, { bearer: r.token, json: { ...current, cds_purposes: kept } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.cds_purposes).toEqual(kept);
  });
});
