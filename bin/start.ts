import { ConfigError, loadConfig } from '../lib/config';
import { createLogger } from '../lib/logger';
import { startService } from './services';

/**
 * `npm start`: the whole system in one process with demo data (the embedded default), or with
 * `SERVICE=<part>` one part of a distributed deployment (docker-compose.yml).
 */
async function main() {
  const loaded = loadConfig();
  const log = createLogger(loaded.config.LOG_LEVEL);
  const system = await startService(loaded, log);
  // Only the all-in-one uses generated tokens (single parts that need one refuse to start without it):
  // printed once so the operator can use them; set them in the environment to keep them stable.
  if (loaded.config.SERVICE === 'all') {
    for (const [name, value] of Object.entries(loaded.generated)) process.stdout.write(`${name} (generated, set it to keep it): ${value}\n`);
  }
  for (const line of system.banner) process.stdout.write(`${line}\n`);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second signal does not wait
    stopping = true;
    log.info({ signal }, 'shutting down');
    await system.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err?.stack ?? err}\n`);
  process.exit(1);
});
