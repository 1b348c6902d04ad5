import { Decimal } from './decimal';
import { JsonDecimal } from './jsonDecimal';

/** What `JSON.stringify` does to a value before writing it: `toJSON(key)`, then unboxing. */
function resolve(key: string | number, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof JsonDecimal) return v;
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function' && !Decimal.isDecimal(v)) v = toJSON.call(v, String(key));
  if (v instanceof Number || v instanceof String || v instanceof Boolean) return v.valueOf();
  return v;
}

const isSkipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * `JSON.stringify(value)` (no replacer, no indentation), except that `JsonDecimal` and decimal.js
 * values are written as raw JSON number tokens. Node 20 has no `JSON.rawJSON`, so this walks the
 * value itself; everything that is not a decimal comes out byte-for-byte as `JSON.stringify` writes
 * it (toJSON, skipped undefined/functions, null for non-finite numbers, string escaping, cycles throw).
 */
export function stringifyExact(value: unknown): string {
  // Responses are shallow, so a linear scan of the ancestors beats a Set's hashing.
  const ancestors: object[] = [];
  // A page repeats the same few member names thousands of times; quote each once.
  const quotedKeys = new Map<string, string>();

  function write(v: unknown): string {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
    }
    if (v === null) return 'null';
    if (v instanceof JsonDecimal) return v.token;
    if (Decimal.isDecimal(v)) return JsonDecimal.from(v as Decimal).token;
    const obj = v as object;
    if (ancestors.includes(obj)) throw new TypeError('Converting circular structure to JSON');
    ancestors.push(obj);
    let out: string;
    if (Array.isArray(obj)) {
      out = '[';
      for (let i = 0; i < obj.length; i++) {
        if (i > 0) out += ',';
        const item = resolve(i, obj[i]);
        out += isSkipped(item) ? 'null' : write(item);
      }
      out += ']';
    } else {
      out = '{';
      for (const k in obj) {
        if (!Object.hasOwn(obj, k)) continue;
        const item = resolve(k, (obj as Record<string, unknown>)[k]);
        if (isSkipped(item)) continue;
        let quoted = quotedKeys.get(k);
        if (quoted === undefined) quotedKeys.set(k, (quoted = JSON.stringify(k) + ':'));
        out += out.length === 1 ? quoted : ',' + quoted;
        out += write(item);
      }
      out += '}';
    }
    ancestors.pop();
    return out;
  }

  const top = resolve('', value);
  if (isSkipped(top)) throw new TypeError(`cannot serialize ${typeof top} as JSON`);
  return write(top);
}
