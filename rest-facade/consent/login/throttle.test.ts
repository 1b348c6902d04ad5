import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryStore, RedisStore, type Store } from '../../store';
import { LoginThrottle } from './throttle';

const stores: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ['redis', () => new RedisStore(inject('redisUrl'), { keyPrefix: `throttle:${randomUUID()}:` })],
];

describe.each(stores)('failed-login throttle (%s store)', (_name, make) => {
  const store = make();
  afterAll(() => store.close());
  const throttle = new LoginThrottle(store, { maxPerUsername: 3, maxPerIp: 5, windowSeconds: 60 });

  it('locks a username after its failures, whatever the case or spacing, and unlocks on success', async () => {
    expect(await throttle.retryAfter('ada', '10.0.0.1')).toBe(0);
    await throttle.recordFailure('ada', '10.0.0.1');
    await throttle.recordFailure(' ADA ', '10.0.0.2');
    expect(await throttle.retryAfter('ada', '10.0.0.3')).toBe(0);
    await throttle.recordFailure('Ada', '10.0.0.3');
    const wait = await throttle.retryAfter('ada', '10.0.0.9');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await throttle.retryAfter('grace', '10.0.0.9')).toBe(0);
    await throttle.recordSuccess('ada', '10.0.0.9');
    expect(await throttle.retryAfter('ada', '10.0.0.9')).toBe(0);
  });

  it('locks an address that sprays many usernames', async () => {
    for (let i = 0; i < 5; i++) await throttle.recordFailure(`user${i}`, '192.0.2.7');
    expect(await throttle.retryAfter('someone-new', '192.0.2.7')).toBeGreaterThan(0);
    expect(await throttle.retryAfter('someone-new', '192.0.2.8')).toBe(0);
  });
});
