import { JsonDecimal } from './jsonDecimal';

/** Malformed JSON, with the character offset where parsing stopped. */
export class JsonSyntaxError extends SyntaxError {
  constructor(message: string, readonly position: number) {
    super(`${message} at position ${position}`);
    this.name = 'JsonSyntaxError';
  }
}

export interface ParseExactOptions {
  /** Nesting deeper than this is rejected instead of overflowing the stack. Default 512. */
  maxDepth?: number;
}

export type ExactJson = null | boolean | string | JsonDecimal | ExactJson[] | { [key: string]: ExactJson };

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER_AT = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * A strict RFC 8259 parser that keeps every number token exactly, as a `JsonDecimal` — for tests
 * and clients that must compare decimals digit for digit. Unlike `JSON.parse` it rejects duplicate
 * member names (RFC 8259 §4 says they SHOULD be unique; a response with one is wrong).
 */
export function parseExact(text: string, options: ParseExactOptions = {}): ExactJson {
  const maxDepth = options.maxDepth ?? 512;
  let i = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, i);
  };

  function skipWhitespace() {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  }

  function literal(word: string, value: null | boolean) {
    if (!text.startsWith(word, i)) fail('unexpected token');
    i += word.length;
    return value;
  }

  function string(): string {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(start, i);
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!HEX4.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const decoded = e === undefined ? undefined : ESCAPES[e];
          if (decoded === undefined) fail('bad escape');
          out += decoded;
          i += 2;
        }
        start = i;
        continue;
      }
      if (Number.isNaN(c)) fail('unterminated string');
      if (c < 0x20) fail('control character in string');
      i++;
    }
  }

  function number(): JsonDecimal {
    NUMBER_AT.lastIndex = i;
    const m = NUMBER_AT.exec(text);
    if (!m) return fail('bad number');
    const token = m[0];
    i += token.length;
    // "01" or "1.": the grammar match stops early and leaves a digit or dot behind.
    const next = text.charCodeAt(i);
    if ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45) fail('bad number');
    return new JsonDecimal(token);
  }

  function value(depth: number): ExactJson {
    skipWhitespace();
    const c = text[i];
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal('true', true);
      case 'f':
        return literal('false', false);
      case 'n':
        return literal('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
        return fail(c === undefined ? 'unexpected end of input' : 'unexpected token');
    }
  }

  function array(depth: number): ExactJson[] {
    if (depth > maxDepth) fail('nesting too deep');
    i++;
    const out: ExactJson[] = [];
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(value(depth));
      skipWhitespace();
      const c = text[i++];
      if (c === ']') return out;
      if (c !== ',') {
        i--;
        fail("expected ',' or ']'");
      }
    }
  }

  function object(depth: number): { [key: string]: ExactJson } {
    if (depth > maxDepth) fail('nesting too deep');
    i++;
    const out: { [key: string]: ExactJson } = {};
    const seen = new Set<string>();
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') fail('expected a member name');
      const keyAt = i;
      const key = string();
      if (seen.has(key)) {
        i = keyAt;
        fail(`duplicate member name ${JSON.stringify(key)}`);
      }
      seen.add(key);
      skipWhitespace();
      if (text[i] !== ':') fail("expected ':'");
      i++;
      const v = value(depth);
      // A plain assignment to "__proto__" would set the prototype instead of a member.
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
      skipWhitespace();
      const c = text[i++];
      if (c === '}') return out;
      if (c !== ',') {
        i--;
        fail("expected ',' or '}'");
      }
    }
  }

  const result = value(0);
  skipWhitespace();
  if (i < text.length) fail('unexpected data after the JSON value');
  return result;
}
