/**
 * One facade in its own process, for the multi-process tests: REDIS_URL and KEY_PREFIX name the
 * shared store, PUBLIC_URL the address all processes share (a load balancer's); it prints
 * `{"url": ...}` once listening and stops on SIGTERM.
 */
import { RedisStore } from '../../../rest-facade/store';
import { startFacade } from './facade';

const store = new RedisStore(process.env.REDIS_URL!, { keyPrefix: process.env.KEY_PREFIX! });
const running = await startFacade({ store, config: { PUBLIC_URL: process.env.PUBLIC_URL! } });
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
process.once('SIGTERM', async () => {
  await running.close();
  await store.close();
  process.exit(0);
});
