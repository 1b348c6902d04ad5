import type { TestProject } from 'vitest/node';
import { startRedis } from '../support/redis';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Global setup: one real redis-server for the whole test run, shared by URL. */
export default async function setup(project: TestProject) {
  const redis = await startRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
