/**
 * Prints the sandbox test customers of the demo utility configured in the environment
 * (DEMO_SEED, DEMO_ACCOUNTS, DEMO_AS_OF, CDS_TIMEZONE):  npx tsx legacy/printTestCustomers.ts
 */
import { DateTime } from 'luxon';
import { loadConfig } from '../lib/config';
import { generateUtility, testCustomers } from './generator';

const { config } = loadConfig();
const utility = generateUtility({
  seed: config.DEMO_SEED,
  accounts: config.DEMO_ACCOUNTS,
  asOf: config.DEMO_AS_OF ?? (DateTime.now().setZone(config.CDS_TIMEZONE).toISODate() as string),
  timezone: config.CDS_TIMEZONE,
});
process.stdout.write(`Sandbox test customers (seed "${config.DEMO_SEED}", ${config.DEMO_ACCOUNTS} accounts, as of ${utility.asOf})\n\n`);
process.stdout.write('| key | user name | password | accounts | case |\n|---|---|---|---|---|\n');
for (const t of testCustomers(utility)) {
  const accounts = t.accounts.map((a) => `${a.ACCT_NO} (${a.ACCT_STAT_CD}${a.ACCT_ROLE_CD === 'STD' ? '' : `, ${a.ACCT_ROLE_CD}`})`).join(', ');
  process.stdout.write(`| ${t.key} | ${t.USER_NAME} | ${t.PASSWORD} | ${accounts} | ${t.description} |\n`);
}
