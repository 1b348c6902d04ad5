import { ConfigError, loadConfig } from '../lib/config';
import { createLogger } from '../lib/logger';
import { startAllInOne } from './allInOne';

/**
 * `npm start`: the whole system in one process with demo data (the embedded default).
 * Distributed deployments (docker-compose.yml) start one part per process with `SERVICE=<part>`.
 */
async function main() {
  const { config, generated } = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const system = await startAllInOne(config, log);
  for (const [name, value] of Object.entries(generated)) {
    // Printed once so the operator can use it; set it in the environment to keep it stable.
    process.stdout.write(`${name} (generated, set it to keep it): ${value}\n`);
  }
  for (const line of system.banner) process.stdout.write(`${line}\n`);
  const stop = async () => {
    await system.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err?.stack ?? err}\n`);
  process.exit(1);
});
