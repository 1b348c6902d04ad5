import { readSpec } from '../../support/spec';

export interface HttpExample {
  section: string;
  request: { method: string; path: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

function splitMessage(text: string) {
  const [head, ...rest] = text.replace(/^\n+/, '').split(/\n\s*\n/);
  const [start, ...headerLines] = head.split('\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { start: start.trim(), headers, body: rest.join('\n\n').trim() };
}

/** The `==Request==` / `==Response==` blocks of a section ("12.5") of a spec file. */
export function httpExample(file: string, section: string): HttpExample {
  const text = readSpec(file);
  const start = text.search(new RegExp(`^###+ ${section.replace('.', '\\.')}\\. `, 'm'));
  if (start < 0) throw new Error(`no section ${section} in ${file}`);
  const block = /```\n([\s\S]*?)```/.exec(text.slice(start))![1];
  const [, requestText, responseText] = block.split(/==Request==|==Response==/);
  const request = splitMessage(requestText);
  const response = splitMessage(responseText);
  const [method, path] = request.start.split(' ');
  return {
    section,
    request: { method, path, headers: request.headers, body: request.body },
    response: { status: Number(response.start.split(' ')[1]), headers: response.headers, body: response.body },
  };
}

/**
 * A42: the examples' JSON has trailing commas and, in §12.2, missing commas between members;
 * a replayer repairs both before parsing.
 */
export function repairedJson(text: string): any {
  const withCommas = text.replace(/("|\d|\]|\}|true|false|null)(\s*\n\s*")/g, '$1,$2');
  return JSON.parse(withCommas.replace(/,(\s*[}\]])/g, '$1'));
}

/**
 * A43/A46: an example is compared as a shape. Every member it shows must be in ours with the same
 * JSON type (recursively; the first item of non-empty arrays); values are the example's own.
 */
export function shapeDifferences(example: unknown, ours: unknown, path = '$'): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(example) !== kind(ours)) return [`${path}: example ${kind(example)}, ours ${kind(ours)}`];
  if (Array.isArray(example) && Array.isArray(ours)) {
    return example.length > 0 && ours.length > 0 ? shapeDifferences(example[0], ours[0], `${path}[0]`) : [];
  }
  if (kind(example) !== 'object') return [];
  const e = example as Record<string, unknown>;
  const o = ours as Record<string, unknown>;
  return Object.keys(e).flatMap((k) => (k in o ? shapeDifferences(e[k], o[k], `${path}.${k}`) : [`${path}.${k}: missing`]));
}
