import { z } from 'zod';

export type JsonSchema = { [keyword: string]: unknown };

const COMPONENTS = '#/components/schemas/';

/** Zod types JSON Schema cannot express; they must say what they are with `.meta({ type })`. */
const UNREPRESENTABLE = new Set(['custom', 'transform', 'bigint', 'symbol', 'undefined', 'void', 'date', 'map', 'set', 'nan', 'function', 'promise']);

function rewriteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rewriteRefs) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: JsonSchema = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? COMPONENTS + v.slice(8) : rewriteRefs(v);
  }
  return out as T;
}

/**
 * Turns zod schemas into OpenAPI 3.1 (JSON Schema draft 2020-12) schemas with zod's own
 * `z.toJSONSchema`. Every schema with a `.meta({ id })` becomes one shared entry of
 * `components.schemas`, referenced by `$ref`; two different schemas claiming one id is an error.
 */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};
  private readonly texts = new Map<string, string>();

  /** `io: 'input'` for parameters and request bodies (before transforms), `'output'` for responses. */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    // zod visits a `.meta()` clone's bare parent too (with an empty schema, at the same path), so a
    // path is only undescribable if nothing there described it.
    const empty = new Set<string>();
    const described = new Set<string>();
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      override: ({ zodSchema, jsonSchema, path }) => {
        // zod spells RFC 3339 out as a 300-character regex next to the format that already says it.
        if (jsonSchema.format === 'date-time' || jsonSchema.format === 'date') delete jsonSchema.pattern;
        const type = zodSchema._zod.def.type;
        if (!UNREPRESENTABLE.has(type) || (type === 'transform' && io === 'input')) return;
        const at = path.join('/');
        if (Object.keys(jsonSchema).some((k) => k !== 'description' && k !== 'default')) described.add(at);
        else empty.add(at);
      },
    }) as JsonSchema;
    for (const at of empty) {
      if (!described.has(at)) throw new Error(`cannot describe a zod type at /${at} in OpenAPI; give it .meta({ type: ... })`);
    }
    const { $schema: _dialect, $defs, ...root } = json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) this.add(id, rewriteRefs(def));
    return rewriteRefs(root);
  }

  private add(id: string, schema: JsonSchema): void {
    const text = JSON.stringify(schema);
    const known = this.texts.get(id);
    if (known !== undefined && known !== text) throw new Error(`two different schemas are registered as "${id}"`);
    this.texts.set(id, text);
    this.components[id] = schema;
  }
}
