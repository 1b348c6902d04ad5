/** Helpers over the authoritative spec markdown, read at test time (test/support/spec.ts). */
export { readSpec } from '../support/spec';

export interface SpecSection {
  /** The heading's permalink id, e.g. `account-format` (unique, unlike a few section numbers). */
  anchor: string;
  number: string;
  title: string;
  /** Text up to the next heading of any level. */
  body: string;
}

const HEADING = /^#{2,6} ([\d.]+)\.? (.*?) <a id="([^"]+)"/;

export function sections(markdown: string): Map<string, SpecSection> {
  const out = new Map<string, SpecSection>();
  let current: SpecSection | null = null;
  for (const line of markdown.split('\n')) {
    const m = HEADING.exec(line);
    if (m) {
      current = { number: m[1], title: m[2], anchor: m[3], body: '' };
      out.set(current.anchor, current);
    } else if (line.startsWith('#')) {
      current = null;
    } else if (current) {
      current.body += line + '\n';
    }
  }
  return out;
}

export interface FieldBullet {
  name: string;
  /** The italic type text, e.g. ``[string](#string) or `null` ``. */
  type: string;
  requirement: 'REQUIRED' | 'OPTIONAL' | null;
  nullable: boolean;
  /** Indented bullets under this one (e.g. the extra fields an enum value adds). */
  nested: FieldBullet[];
}

const BULLET = /^( *)\* `([^`]+)`(?: - _(.+?)_)?(?: - \((REQUIRED|OPTIONAL)\))?/;

/** The `* \`name\` - _type_ - (REQUIRED)` bullets of a section, with their indented children. */
export function bullets(body: string): FieldBullet[] {
  const top: FieldBullet[] = [];
  let parent: FieldBullet | null = null;
  for (const line of body.split('\n')) {
    const m = BULLET.exec(line);
    if (!m) continue;
    const bullet: FieldBullet = {
      name: m[2],
      type: m[3] ?? '',
      requirement: (m[4] as FieldBullet['requirement']) ?? null,
      nullable: /or `null`/.test(m[3] ?? ''),
      nested: [],
    };
    if (m[1].length === 0) {
      top.push(bullet);
      parent = bullet;
    } else if (parent) {
      parent.nested.push(bullet);
    }
  }
  return top;
}

/** A listing section's URL parameters: the top-level bullets after "URL parameters". */
export function listingParameters(section: SpecSection): string[] {
  const start = section.body.indexOf('URL parameters');
  if (start < 0) throw new Error(`§${section.number} has no URL parameters`);
  return bullets(section.body.slice(start)).map((b) => b.name);
}

export interface HttpExample {
  /** The §13 subsection it appears in. */
  section: SpecSection;
  method: string;
  /** Request target: path and query. */
  target: string;
  status: number;
  body: string;
}

/** The request/response examples of §13 (```-fenced `==Request==` / `==Response==` blocks). */
export function httpExamples(markdown: string): HttpExample[] {
  const out: HttpExample[] = [];
  for (const section of sections(markdown).values()) {
    if (!section.number.startsWith('13.')) continue;
    for (const [, block] of section.body.matchAll(/```\n([\s\S]*?)```/g)) {
      const request = /==Request==\n(\w+) (\S+)/.exec(block);
      const response = /==Response==\nHTTP\/1\.1 (\d{3})[^\n]*\n(?:[^\n]+\n)*\n([\s\S]*)$/.exec(block);
      if (!request || !response) continue;
      out.push({ section, method: request[1], target: request[2], status: Number(response[1]), body: response[2].trim() });
    }
  }
  return out;
}

/**
 * The spec's example bodies are illustrations, not always valid JSON. These are the repairs made
 * before parsing, each recorded in docs/spec-decisions.md; `applied` says which were needed.
 */
export function repairExampleJson(text: string): { json: string; applied: string[] } {
  const applied: string[] = [];
  const step = (name: string, pattern: RegExp, replacement: string) => {
    const next = text.replace(pattern, replacement);
    if (next !== text) applied.push(name);
    text = next;
  };
  // "..." stands for elided Value Sets (§13.3.5 says the list is truncated).
  step('elision', /^\s*\.\.\.,?\s*$\n?/gm, '');
  step('trailing comma', /,(\s*[\]}])/g, '$1');
  // §13.3.5 lists related_meterdevices twice; the second, empty one is the missing related_billsections.
  step('duplicate related_meterdevices', /("related_meterdevices":\s*\[[^\]]*\],\s*)"related_meterdevices"/g, '$1"related_billsections"');
  return { json: text, applied };
}
