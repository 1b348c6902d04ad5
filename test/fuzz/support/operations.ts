import type { OpenApiDocument } from '../../../rest-facade/openapi';

/** One operation of the published OpenAPI document, as the fuzzers need it. */
export interface Operation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/cds-api/v1/clients/{clientId}`. */
  template: string;
  /** Security scheme names, any of which suffices; empty for a public endpoint. */
  security: string[];
  pathParams: string[];
  queryParams: string[];
  /** The request body's media type, when it takes one. */
  bodyType?: string;
  /** The statuses the document promises. */
  statuses: number[];
  /** Whether a call may change state (its rejections must not). */
  writes: boolean;
}

type RawOperation = {
  operationId: string;
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
};

export function operationsOf(document: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item) as [string, RawOperation][]) {
      const params = raw.parameters ?? [];
      out.push({
        operationId: raw.operationId,
        method: method.toUpperCase(),
        template,
        security: (raw.security ?? []).flatMap((s) => Object.keys(s)),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyType: raw.requestBody ? Object.keys(raw.requestBody.content)[0] : undefined,
        statuses: Object.keys(raw.responses).map(Number),
        writes: method !== 'get',
      });
    }
  }
  return out.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/** The template with each `{name}` replaced by its (already encoded) value. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'missing');
}

/** A query string from [name, value] pairs, percent-encoded unless a value is marked raw. */
export function queryString(pairs: readonly (readonly [string, string])[]): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

/**
 * encodeURIComponent that never throws: a lone surrogate (invalid UTF-16) is sent as the bytes a
 * careless client would produce (CESU-8), which are invalid UTF-8 on the wire.
 */
export function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}
