import { describe, expect, it } from 'vitest';
import { cachedFor } from './cachedFor';

describe('cachedFor', () => {
  it('fetches once per TTL for every caller, concurrent ones included, and again after it', async () => {
    let now = 0;
    let fetches = 0;
    const read = cachedFor(1000, async () => ++fetches, () => now);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    now = 999;
    expect(await read()).toBe(1);
    now = 1000;
    expect(await read()).toBe(2);
    expect(fetches).toBe(2);
  });

  it('does not keep a failed fetch: the next caller tries again', async () => {
    let fail = true;
    let fetches = 0;
    const read = cachedFor(60_000, async () => {
      fetches += 1;
      if (fail) throw new Error('CIS down');
      return 'ok';
    }, () => 0);
    await expect(read()).rejects.toThrow('CIS down');
    fail = false;
    expect(await read()).toBe('ok');
    expect(await read()).toBe('ok');
    expect(fetches).toBe(2);
  });
});
