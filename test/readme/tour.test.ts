import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../support/browser';
import { freePort } from '../support/redis';

/**
 * The README's "A tour", run as written against `npm start`'s process (bin/start.ts, default demo
 * utility, embedded store): the internal GraphQL query, a third party's registration up to the
 * authorization URL, a customer approving in a real browser, and the code exchanged for the
 * customer's accounts. Only the host and port in the blocks are changed.
 */

const REPO = resolve(__dirname, '../..');
const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const run = promisify(execFile);
const INTERNAL_API_TOKEN = 'readme-tour-internal-token-0123';

/** The ```sh blocks of the README's "A tour" section. */
function tourBlocks(): string[] {
  const section = /^## A tour\n([\s\S]*?)^## /m.exec(README)?.[1] ?? '';
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(([, body]) => body);
}

let server: ChildProcess;
let output = '';
let base: string;
let dir: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  dir = mkdtempSync(join(tmpdir(), 'cds-readme-tour-'));
  server = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    cwd: REPO, env: { PATH: process.env.PATH, PORT: String(port), INTERNAL_API_TOKEN, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => { output += d; });
  server.stderr!.on('data', (d) => { output += d; });
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}:\n${output}`);
    if ((await fetch(`${base}/healthz`).catch(() => null))?.status === 200) break;
    if (i > 600) throw new Error(`npm start never answered /healthz:\n${output}`);
    await sleep(250);
  }
}, 180_000);
afterAll(async () => {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a README block with bash (-e, pipefail) against this server; `after` runs in the same shell. */
async function shell(block: string, after = ''): Promise<string> {
  const script = `set -euo pipefail\n${block.replaceAll('http://localhost:8080', base)}\n${after}`;
  const { stdout } = await run('bash', ['-c', script], { env: { PATH: process.env.PATH, INTERNAL_API_TOKEN }, maxBuffer: 8 * 1024 * 1024 });
  return stdout;
}

describe('README: A tour', { timeout: 120_000 }, () => {
  const blocks = tourBlocks();
  const state = () => join(dir, 'third-party.sh');

  it('has the three blocks the walkthrough needs', () => {
    expect(blocks).toHaveLength(3);
  });

  it('internal GraphQL: one query over the CIS, MDM and billing', async () => {
    const answer = JSON.parse(await shell(blocks[0]));
    expect(answer.errors).toBeUndefined();
    const [account] = answer.data.accounts.nodes;
    expect(account.accountNumber).toMatch(/^\d+$/);
    expect(account.serviceContracts.length).toBeGreaterThan(0);
    expect(account.billStatements.length).toBeGreaterThan(0);
    expect(account.billStatements[0].amountDue).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('a third party is approved by a customer in the browser and reads only that customer\'s accounts', async () => {
    // Block 2 prints the authorization URL; the shell's variables are kept for block 3.
    const printed = await shell(blocks[1], `declare -p BASE REDIRECT CLIENT_ID CLIENT_SECRET VERIFIER > '${state()}'`);
    const authorizationUrl = printed.trim().split('\n').at(-1)!;
    expect(authorizationUrl).toMatch(new RegExp(`^${base}/oauth/authorize\\?client_id=\\w+&request_uri=urn%3Aietf`));

    const credentials = /`(demo\.[\w-]+)` \/ `([\w-]+)`/.exec(README)!;
    const browser = await launchBrowser();
    let callback: string;
    try {
      const page = await browser.newPage();
      await page.goto(authorizationUrl);
      await signIn(page, { username: credentials[1], password: credentials[2] });
      await page.waitForURL(/\/authorize\//);
      for (const box of await page.getByRole('checkbox').all()) await box.check();
      // Nothing listens at the redirect URI: the request the browser makes is the "address to copy".
      const sent = page.waitForRequest((r) => r.url().startsWith('http://localhost:9999/callback'));
      await page.getByRole('button', { name: /approve/i }).click({ noWaitAfter: true });
      callback = (await sent).url();
    } finally {
      await browser.close();
    }
    expect(callback).toMatch(/[?&]code=[\w-]+/);

    const block3 = blocks[2].replace(/^CALLBACK=.*$/m, `CALLBACK='${callback}'`);
    const listing = JSON.parse(await shell(`source '${state()}'\n${block3}`));
    const customers = new Set(listing.accounts.map((a: { customer_number: string }) => a.customer_number));
    // demo.multi: two accounts of one customer, and nobody else's.
    expect(listing.accounts).toHaveLength(2);
    expect(customers.size).toBe(1);
    const all = await (await fetch(`${base}/test-accounts`, { headers: { accept: 'application/json' } })).json() as { username: string; description: string }[];
    expect(all.find((t) => t.username === credentials[1])?.description).toMatch(/^Two .*accounts/);
  });
});
