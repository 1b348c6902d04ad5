import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../rest-facade/store';
import { ADMIN_API_TOKEN, startFacade, type RunningFacade } from './support/facade';
import { call } from './support/http';
import { register, walkPages } from './support/wg1';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');

/** The operator side: the admin API's bearer check, and `npm run admin` driving it over HTTP. */
describe('operator API and CLI', () => {
  let f: RunningFacade;
  const cli = (...args: string[]) => run(join(root, 'node_modules/.bin/tsx'), [join(root, 'bin/admin.ts'), ...args], {
    env: { ...process.env, ADMIN_URL: f.url, ADMIN_API_TOKEN },
  });
  beforeAll(async () => { f = await startFacade({ store: new MemoryStore() }); });
  afterAll(() => f.close());

  it('needs the ADMIN_API_TOKEN', async () => {
    expect((await call('GET', `${f.url}/admin/registrations`)).status).toBe(401);
    expect((await call('GET', `${f.url}/admin/registrations`, { bearer: 'wrong-token-wrong-token' })).status).toBe(401);
    const r = await register(f, { scope: 'cds_client_admin' });
    expect((await call('GET', `${f.url}/admin/registrations`, { bearer: r.token })).status).toBe(401);
  });

  it('reviews a registration, uploads and shares a file, and disables a Client from the command line', async () => {
    const r = await register(f, { scope: 'cds_client_admin cds_server_provided_files_01', client_name: 'CLI test' });
    const listed = JSON.parse((await cli('registrations')).stdout);
    expect(listed.registrations.map((x: any) => x.registration_id)).toContain(r.registrationId);
    const view = JSON.parse((await cli('registration', r.registrationId)).stdout);
    const files = view.clients.find((c: any) => c.scope === 'cds_server_provided_files_01');

    const dir = mkdtempSync(join(tmpdir(), 'wg1-cli-'));
    writeFileSync(join(dir, 'setup.pdf'), '%PDF-1.4 setup');
    const uploaded = JSON.parse((await cli('upload', join(dir, 'setup.pdf'), 'application/pdf', 'Setup guide')).stdout);
    expect(uploaded).toMatchObject({ name: 'setup.pdf', mime_type: 'application/pdf', size: 14, description: 'Setup guide' });
    const grant = JSON.parse((await cli('share', uploaded.file_id, files.client_id)).stdout);
    expect(grant.authorization_details).toEqual([{ type: 'cds_server_provided_files_01', file_id: uploaded.file_id }]);

    await cli('message', r.registrationId, 'Hello', 'From the operator');
    const unread = (await walkPages(`${f.url}/cds-api/v1/messages?segment=unread`, 'unread', r.token)).pages.flat();
    expect(unread.find((m: any) => m.name === 'Hello')).toMatchObject({ type: 'private_message', creator: null, description: 'From the operator' });

    const disabled = JSON.parse((await cli('disable', files.client_id, 'No longer needed')).stdout);
    expect(disabled.cds_status).toBe('disabled');
    const client = await call('GET', files.cds_client_uri, { bearer: r.token });
    expect(client.json.cds_status).toBe('disabled');
  });

  it('explains itself on a wrong command and fails on a refused request', async () => {
    await expect(cli('nonsense')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run admin') });
    await expect(cli('disable', '0000000000000000')).rejects.toMatchObject({ code: 1 });
  });
});
