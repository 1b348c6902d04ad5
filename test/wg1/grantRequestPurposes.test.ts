import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeStore, startFacade, type RunningFacade } from './support/facade';
import { call } from './support/http';
import { discover, register, walkPages, type Registered } from './support/wg1';

/**
 * A `grant_request` Message (cds-wg1-02 §6.6, §6.9) is checked against the Scope Descriptions of
 * the Client that would receive the Grant, so a Client's own Purposes (cds-wg3-01 §7.4.4, offered
 * only in its Client-specific metadata) may be named, and another registration's may not.
 */

const OWN = {
  id: '', name: 'Audit', content: 'Only for your energy audit.', related_uri: null, related_name: null, scopes_supported: [],
};

interface Side {
  r: Registered;
  /** The code-flow Client's `cds_client_uri` and its own Purpose's id. */
  clientUri: string;
  purpose: string;
}

describe('grant_request Messages and Client-written Purposes', () => {
  let f: RunningFacade;
  let type: string;
  let mine: Side;
  let theirs: Side;
  const messages = () => `${f.url}/cds-api/v1/messages`;

  async function side(name: string): Promise<Side> {
    const r = await register(f, { scope: 'cds_client_admin cds_usage', cds_purposes: [{ ...OWN, name }] });
    const clients = (await walkPages(`${f.url}/cds-api/v1/clients`, 'clients', r.token)).pages.flat();
    const usage = clients.find((c: any) => c.scope === 'cds_usage');
    const purpose = Object.keys(usage.cds_purposes).find((id) => usage.cds_purposes[id].name === name)!;
    return { r, clientUri: usage.cds_client_uri, purpose };
  }

  const ask = (s: Side, purpose: string, relatedUri: string | null) => call('POST', messages(), {
    bearer: s.r.token,
    json: {
      type: 'grant_request', name: 'Usage for the audit', description: 'please',
      grants_requested: [{ scope: 'cds_usage', authorization_details: [{ type, purpose }] }],
      ...(relatedUri && { related_uri: relatedUri, related_type: 'client' }),
    },
  });

  beforeAll(async () => {
    f = await startFacade({ store: makeStore('redis', inject('redisUrl')) });
    type = (await discover(f)).cds_scope_descriptions.cds_usage.authorization_details_types_supported[0];
    mine = await side('Mine');
    theirs = await side('Theirs');
  });
  afterAll(() => f.close());

  it('accepts the target Client\'s own Purpose, and a Server default', async () => {
    const own = await ask(mine, mine.purpose, mine.clientUri);
    expect(own.status, own.text).toBe(201);
    expect(own.json).toMatchObject({ type: 'grant_request', status: 'pending', related_uri: mine.clientUri });
    expect(own.json.grants_requested[0].authorization_details[0].purpose).toBe(mine.purpose);
    expect((await ask(mine, 'default-01', mine.clientUri)).status).toBe(201);
  });

  it('accepts it without a target Client when a Client of the registration has it (A27)', async () => {
    const own = await ask(mine, mine.purpose, null);
    expect(own.status, own.text).toBe(201);
  });

  it('refuses another registration\'s Purpose, with or without a target, and stores nothing', async () => {
    const count = async () => (await walkPages(messages(), 'outstanding', mine.r.token)).pages.flat().length;
    const before = await count();
    for (const target of [mine.clientUri, null]) {
      const refused = await ask(mine, theirs.purpose, target);
      expect(refused.status, refused.text).toBe(400);
      expect(refused.json).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('grants_requested') });
    }
    // Naming the other registration's Client as the target does not lend its Purposes either way round.
    expect((await ask(mine, mine.purpose, theirs.clientUri)).status).toBe(400);
    expect(await count()).toBe(before);
  });
});
