import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, JsonDecimal, JsonSyntaxError, parseExact, stringifyExact, type ExactJson } from '.';

/** parseExact's output with every number token turned into a JS number, to compare with JSON.parse. */
function toFloats(v: ExactJson): unknown {
  if (v instanceof JsonDecimal) return Number(v.token);
  if (Array.isArray(v)) return v.map(toFloats);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toFloats(x)]));
  return v;
}

/** An independent exact sum: scale every decimal to an integer and add BigInts. */
function bigIntSum(tokens: string[], scale: number): string {
  let total = 0n;
  for (const t of tokens) {
    const [int, frac = ''] = t.replace('-', '').split('.');
    const scaled = BigInt(int + frac.padEnd(scale, '0'));
    total += t.startsWith('-') ? -scaled : scaled;
  }
  const sign = total < 0n ? '-' : '';
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

describe('stringifyExact', () => {
  it('writes decimals as raw number tokens, keeping every digit', () => {
    const body = {
      amount_due: new JsonDecimal('1.10'),
      tiny: new JsonDecimal('0.30000000000000000000000000001'),
      big: new JsonDecimal('-123456789012345678901234567890.000'),
      exp: new JsonDecimal('1.5E-7'),
    };
    expect(stringifyExact(body)).toBe(
      '{"amount_due":1.10,"tiny":0.30000000000000000000000000001,"big":-123456789012345678901234567890.000,"exp":1.5E-7}',
    );
  });

  it('adds 0.1 and 0.2 exactly where a float would not', () => {
    const sum = new Decimal('0.1').plus('0.2');
    expect(stringifyExact({ eu: sum })).toBe('{"eu":0.3}');
    expect(stringifyExact({ eu: JsonDecimal.from(sum) })).toBe('{"eu":0.3}');
    expect(JSON.stringify({ eu: 0.1 + 0.2 })).toBe('{"eu":0.30000000000000004}');
  });

  it('keeps a 30-digit kWh total exact through arithmetic and serialization', () => {
    // A year of 15-minute reads with 12 fractional digits: the float sum drifts, the decimal one does not.
    const reads = Array.from({ length: 35_040 }, (_, n) => `${(n * 7919) % 100_000}.${String((n * 104_729) % 1e12).padStart(12, '0')}`);
    const total = reads.reduce((acc, r) => acc.plus(r), new Decimal(0));
    const expected = bigIntSum(reads, 12);
    expect(expected.replace(/\D/g, '').length).toBeGreaterThanOrEqual(21);
    const big = new Decimal('123456789012345678.123456789012').plus(total);
    const bigExpected = bigIntSum(['123456789012345678.123456789012', expected], 12);
    expect(bigExpected.replace(/\D/g, '')).toHaveLength(30);
    const text = stringifyExact({ total: big });
    expect(text).toBe(`{"total":${bigExpected}}`);
    expect((parseExact(text) as { total: JsonDecimal }).total.token).toBe(bigExpected);
    expect(String(reads.reduce((a, r) => a + Number(r), 0))).not.toBe(expected);
  });

  it('is byte-for-byte JSON.stringify for everything that is not a decimal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stringifyExact(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 500 },
    );
    const date = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));
    const odd = {
      date,
      skipped: undefined,
      fn: () => 1,
      sym: Symbol('x'),
      arr: [undefined, () => 1, NaN, Infinity, -0, new Number(2), new String('s'), new Boolean(false)],
      nested: { toJSON: (key: string) => ({ key }) },
      gone: { toJSON: () => undefined },
      map: new Map([['a', 1]]),
      escapes: '"\\\n\u0001\u2028💡',
    };
    expect(stringifyExact(odd)).toBe(JSON.stringify(odd));
    expect(stringifyExact([])).toBe('[]');
    expect(stringifyExact({})).toBe('{}');
  });

  it('throws where JSON.stringify throws, and on non-finite decimals', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => stringifyExact(cyclic)).toThrow(TypeError);
    expect(() => stringifyExact({ n: 1n })).toThrow(TypeError);
    expect(() => stringifyExact({ d: new Decimal(NaN) })).toThrow(TypeError);
    expect(() => stringifyExact({ d: new Decimal(Infinity) })).toThrow(TypeError);
    expect(() => stringifyExact(undefined)).toThrow(TypeError);
  });

  it('serializes a 35,040-interval usage page in one piece', () => {
    const values = Array.from({ length: 35_040 }, (_, n) => [
      { eu: new JsonDecimal(`${n % 97}.${String(n % 1000).padStart(3, '0')}`) },
      n % 5 === 0 ? null : { eu: new JsonDecimal(`-0.${String(n % 1000).padStart(3, '0')}`) },
      { c: new JsonDecimal(`0.0${n % 10}10`) },
    ]);
    const text = stringifyExact({ usage_segments: [{ values }], next: null, previous: null });
    const back = parseExact(text) as { usage_segments: { values: ExactJson[][] }[] };
    expect(back.usage_segments[0].values).toHaveLength(35_040);
    expect(back.usage_segments[0].values[35_039]).toEqual([
      { eu: new JsonDecimal('22.039') },
      { eu: new JsonDecimal('-0.039') },
      { c: new JsonDecimal('0.0910') },
    ]);
    expect(stringifyExact(back)).toBe(text);
  });
});

describe('parseExact', () => {
  it('keeps every number token as written', () => {
    const v = parseExact('{"a":2000.00,"b":[-0,1E+2,0.30000000000000000000000000001],"c":"2000.00","d":true,"e":null}');
    expect(v).toEqual({
      a: new JsonDecimal('2000.00'),
      b: [new JsonDecimal('-0'), new JsonDecimal('1E+2'), new JsonDecimal('0.30000000000000000000000000001')],
      c: '2000.00',
      d: true,
      e: null,
    });
  });

  it('agrees with JSON.parse on every valid document', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(toFloats(parseExact(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
    const text = ' {"s":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\udca1","n":[ 1 , -2.5e3 ]}\n';
    expect(toFloats(parseExact(text))).toEqual(JSON.parse(text));
  });

  it('round-trips: stringifyExact(parseExact(text)) is the compact text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const compact = stringifyExact(parseExact(text));
        expect(stringifyExact(parseExact(compact))).toBe(compact);
        expect(JSON.parse(compact)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['trailing comma in array', '[1,2,]'],
    ['trailing comma in object', '{"a":1,}'],
    ['leading zero', '[01]'],
    ['bare dot', '[1.]'],
    ['leading dot', '[.5]'],
    ['plus sign', '[+1]'],
    ['empty exponent', '[1e]'],
    ['NaN', '[NaN]'],
    ['single quotes', "{'a':1}"],
    ['comment', '{"a":1 /* no */}'],
    ['unquoted key', '{a:1}'],
    ['control character in string', '["a\u0001b"]'],
    ['bad escape', '["\\x41"]'],
    ['short unicode escape', '["\\u12"]'],
    ['unterminated string', '["abc'],
    ['missing colon', '{"a" 1}'],
    ['trailing data', '{"a":1} x'],
    ['empty input', ''],
    ['ellipsis', '[[1],\n...\n]'],
  ])('rejects %s, as JSON.parse does', (_name, text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => parseExact(text)).toThrow(JsonSyntaxError);
  });

  it('rejects duplicate member names, which JSON.parse silently accepts', () => {
    const text = '{"related_meterdevices":["a"],"related_meterdevices":[]}';
    expect(JSON.parse(text)).toEqual({ related_meterdevices: [] });
    expect(() => parseExact(text)).toThrow(/duplicate member name "related_meterdevices" at position 30/);
  });

  it('rejects nesting deeper than maxDepth instead of overflowing the stack', () => {
    expect(() => parseExact('['.repeat(100_000))).toThrow(/nesting too deep/);
    expect(parseExact('[[[1]]]', { maxDepth: 3 })).toEqual([[[new JsonDecimal('1')]]]);
    expect(() => parseExact('[[[[1]]]]', { maxDepth: 3 })).toThrow(/nesting too deep/);
  });

  it('stores "__proto__" as a member, never as the prototype', () => {
    const v = parseExact('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(stringifyExact(v)).toBe('{"__proto__":{"polluted":true}}');
  });
});

describe('JsonDecimal', () => {
  it.each(['1.', '.5', '+1', '01', 'NaN', 'Infinity', '0x10', ' 1', '1 ', '', '1e', '--1'])('rejects %j', (token) => {
    expect(() => new JsonDecimal(token)).toThrow(TypeError);
  });

  it('converts from strings, integers and decimal.js values, never from fractional floats', () => {
    expect(JsonDecimal.from('1.10').token).toBe('1.10');
    expect(JsonDecimal.from(42).token).toBe('42');
    expect(JsonDecimal.from(10n ** 30n).token).toBe('1' + '0'.repeat(30));
    expect(JsonDecimal.from(new Decimal('1e-9')).token).toBe('0.000000001');
    expect(() => JsonDecimal.from(0.1)).toThrow(/pass the decimal as a string/);
    expect(() => JsonDecimal.from(2 ** 60)).toThrow(TypeError);
    expect(new JsonDecimal('1.10').toDecimal().equals('1.1')).toBe(true);
  });

  it('shows as its token in plain JSON.stringify (logs) and as a number in stringifyExact', () => {
    const d = new JsonDecimal('2.50');
    expect(JSON.stringify({ d })).toBe('{"d":"2.50"}');
    expect(stringifyExact({ d })).toBe('{"d":2.50}');
    expect(`${d}`).toBe('2.50');
  });
});
