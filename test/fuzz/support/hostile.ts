import fc from 'fast-check';

/**
 * Malformed and hostile inputs: the values a careless or malicious client sends. Constant lists
 * hold the classics (injection, traversal, boundary numbers, broken dates and encodings); the
 * arbitraries mix them with random strings and JSON so every run also tries something new.
 */

export const INJECTION = [
  "' OR '1'='1", '"; DROP TABLE clients; --', '1; SELECT pg_sleep(10)', '${7*7}', '{{7*7}}', '#{7*7}',
  '{"$gt":""}', '$where', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')", '&lt;&amp;',
  '*', '?', '%', '_', '.*', '(?:a+)+$', '\\', '\\u0000', '%00', '\u0000', '\r\nX-Injected: 1', '%0d%0aSet-Cookie:%20x=1',
  'cds:grant:*', 'ratelimit:*', 'FLUSHALL', '\n*1\r\n$8\r\nFLUSHALL\r\n',
];

export const TRAVERSAL = [
  '..', '../..', '../../etc/passwd', '..%2f..%2fadmin', '%2e%2e%2f%2e%2e%2f', '..\\..\\windows', '/..;/', '.%00.', '%252e%252e%252f',
  '....//....//', '/etc/passwd', 'file:///etc/passwd', 'http://169.254.169.254/latest/meta-data/',
];

export const NUMBERS = [
  '', ' ', '0', '-0', '-1', '1', '100', '101', '1.5', '1e2', '1e309', '-1e309', 'NaN', 'Infinity', '0x10', '0b1', ' 5', '５',
  '2147483648', '9007199254740993', '99999999999999999999999999999999', '1_000', 'null', 'undefined', 'true', 'false', '[]', '{}',
];

export const DATES = [
  '2026-02-30', '2026-13-01', '2026-01-01T25:00:00Z', '2026-01-01T00:00:00+25:00', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z',
  '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:01Z', '2026-01-01T00:00:00.123456789012Z', 'yesterday', '1700000000', '2026-W01',
];

export const UNICODE = ['é', '𝕏', '\u202e', '\ufeff', '\ud800', '\udfff', 'a\u0301', '🚀'.repeat(50), 'Ω≈ç√∫', '\u2028\u2029', 'İ', 'ß'];

/**
 * Markup markers for pages that echo input: each opens a tag `<fz…` that no page of ours contains,
 * so finding `<fz` in an answer means the input was written out unescaped.
 */
export const MARKUP = ['<fz1>', '"><fz2 x=1>', "'><fz3>", '</textarea><fz4>', '</script><fz5>', '<fz6 onfz=1>', '--><fz7>', ']]><fz8>'];
export const UNESCAPED = /<fz\d/;

/** Cursor-shaped garbage: random base64url, forged JSON, truncations. */
export const CURSORS = [
  'abc', 'AAAA', '====', 'eyJ9', Buffer.from('{"k":["zzz","1"],"d":"next"}').toString('base64url'),
  Buffer.from('{"__proto__":{"admin":true}}').toString('base64url'), `${'A'.repeat(43)}.${'B'.repeat(43)}`, 'x.y.z', '.', '..', '-',
];

/** Strings worth trying anywhere a string goes. */
export const hostileString = (extra: readonly string[] = []): fc.Arbitrary<string> => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTION, ...TRAVERSAL, ...NUMBERS, ...DATES, ...UNICODE, ...CURSORS, ...MARKUP, ...extra) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(2_000), 'a b '.repeat(500), '%'.repeat(300), ' '.repeat(1_000)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...extra.length ? extra : ['x']), { minLength: 1, maxLength: 5 }).map((ids) => ids.join(' ')) },
);

/** A JSON value nested `depth` levels deep (arrays or objects). */
export function deep(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Raw request bodies that are not what the endpoint wants: broken, hostile or enormous. */
export const RAW_BODIES: readonly (string | Buffer)[] = [
  '', ' ', 'null', 'true', '0', '"a string"', '[]', '[{}]', '{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":1e999999}',
  '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"a":1,"a":2}',
  deep(5_000, 'array'), deep(5_000, 'object'), deep(200_000, 'array'),
  `{"k":"${'x'.repeat(100_000)}"}`, `[${Array.from({ length: 50_000 }, (_, i) => i).join(',')}]`,
  Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0xc3, 0x28, 0x7d]), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]),
  Buffer.from('{"a":"\\ud800"}'), 'a=1&a=2&b', '%FF%FE=%C3%28', 'grant_type=client_credentials&grant_type=password',
  `${'p='.repeat(5_000)}x`, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  '--boundary\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--boundary--',
];

export const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=koi8-r', 'application/x-www-form-urlencoded',
  'text/plain', 'text/html', 'application/xml', 'multipart/form-data; boundary=boundary', 'application/octet-stream',
  'application/merge-patch+json', 'application/*', 'json', '', 'application/json, text/plain', 'x'.repeat(1_000),
];

/** Any JSON value (nested, wrong-typed, with tricky keys). */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 }).chain((v) => fc.oneof(
  fc.constant(v),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'scope', 'status', 'client_id', 'grant_id', 'type', 'redirect_uris', ''), fc.constant(v)),
));

/** A valid body with one field broken: removed, retyped, set to a hostile value, or joined by an unknown field. */
export function mutated(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(example);
  const wrong = fc.oneof(anyJson, hostileString(), fc.constantFrom(null, -1, 1e308, [], {}, true, [null], 'x'.repeat(20_000)));
  if (keys.length === 0) return fc.dictionary(hostileString(), wrong, { maxKeys: 3 });
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), wrong).map(([k, v]) => ({ ...example, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(example).filter(([x]) => x !== k))),
    fc.tuple(hostileString(), wrong).map(([k, v]) => ({ ...example, [k]: v })),
  );
}
