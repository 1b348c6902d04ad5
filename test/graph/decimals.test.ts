import { ExactDecimal as Decimal } from '../../subgraphs/shared';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { startGraphStack, type GraphStack } from './stack';

// Money and kWh stay exact from the legacy system through the subgraph and the gateway: values
// a float would corrupt (0.1 + 0.2, 30-digit totals) come out digit for digit.

const THIRTY = '123456789012345678901234567891';
const BALANCE = '999999999999999999999999999999.99';
let dir: string;
let stack: GraphStack;
let accountId: string;

beforeAll(async () => {
  // A real Green Button file with a tenth-of-a-Wh multiplier and a 30-digit reading.
  dir = mkdtempSync(join(tmpdir(), 'cds-gb-'));
  let n = 0;
  const xml = readFileSync(join(loadConfig({}).config.GREENBUTTON_DIR, 'test_usage_data_01.xml'), 'utf8')
    .replace(/<powerOfTenMultiplier>0</, '<powerOfTenMultiplier>-1<')
    .replace(/<value>\d+<\/value>/g, (v) => [`<value>1</value>`, `<value>2</value>`, `<value>${THIRTY}</value>`][n++] ?? v);
  writeFileSync(join(dir, 'exact.xml'), xml);
  stack = await startGraphStack({
    accounts: 40,
    greenButtonDir: dir,
    prepare: (utility) => {
      const account = utility.cis.accounts.find((a) => a.PROGRAMS.length > 0)!;
      Object.assign(account.PROGRAMS[0], { CB_BAL: BALANCE, CB_UNITS: 'USD', CB_CURR: 'USD' });
      accountId = account.ACCT_ID;
    },
  });
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function direct(url: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return res.json() as Promise<{ data: any; errors?: unknown }>;
}

describe('exact decimals', () => {
  it('a 30-digit money balance is the same string through the subgraph and through the gateway', async () => {
    const query = 'query($id: ID!) { account(id: $id) { accountPrograms { balance currency } } }';
    const viaSubgraph = await direct(stack.subgraphs.urls.accounts, query, { id: accountId });
    const viaGateway = await stack.query(query, { id: accountId });
    expect(viaSubgraph.data.account.accountPrograms[0]).toEqual({ balance: BALANCE, currency: 'USD' });
    expect(viaGateway.data.account.accountPrograms[0]).toEqual({ balance: BALANCE, currency: 'USD' });
    expect(String(Number(BALANCE))).not.toBe(BALANCE);
  });

  it('ESPI readings scaled by 10^-1 add up exactly: 0.1 + 0.2 = 0.3 and a 30-digit reading keeps every digit', async () => {
    const meter = stack.utility.mdm.meters.find((m) => m.serialNumber === 'GB-exact')!;
    const query = `query($f: UsageSegmentFilter!) { usageSegments(filter: $f, first: 1) { nodes { values { ... on ElectricUsageValue { eu } } } } }`;
    const variables = { f: { meterDeviceIds: [meter.meterId] } };
    for (const body of [await direct(stack.subgraphs.urls.metering, query, variables), await stack.query(query, variables)]) {
      expect(body.errors).toBeUndefined();
      const values = body.data!.usageSegments.nodes[0].values.slice(0, 3).map((set: { eu: string }[]) => set[0].eu);
      expect(values).toEqual(['0.1', '0.2', '12345678901234567890123456789.1']);
      expect(new Decimal(values[0]).plus(values[1]).toFixed()).toBe('0.3');
      expect(0.1 + 0.2).not.toBe(0.3);
    }
  });

});
