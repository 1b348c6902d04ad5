/**
 * A small XML reader for ESPI files: elements with local names (namespace prefixes dropped), text
 * content, comments / processing instructions / doctype skipped, the five predefined entities and
 * numeric character references decoded. Enough for Atom feeds; not a general XML parser.
 */

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e] ?? m);
}

export class XmlError extends Error {}

export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) break;
    if (lt > i) stack[stack.length - 1].text += decode(source.slice(i, lt));
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlError('unterminated comment');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt);
      if (end < 0) throw new XmlError('unterminated CDATA');
      stack[stack.length - 1].text += source.slice(lt + 9, end);
      i = end + 3;
    } else if (source[lt + 1] === '?' || source[lt + 1] === '!') {
      const end = source.indexOf('>', lt);
      if (end < 0) throw new XmlError('unterminated declaration');
      i = end + 1;
    } else {
      const end = source.indexOf('>', lt);
      if (end < 0) throw new XmlError('unterminated tag');
      const body = source.slice(lt + 1, end);
      i = end + 1;
      if (body[0] === '/') {
        const name = localName(body.slice(1).trim());
        const open = stack.pop();
        if (!open || open.name !== name) throw new XmlError(`mismatched </${name}>`);
        continue;
      }
      const selfClosing = body.endsWith('/');
      const tag = (selfClosing ? body.slice(0, -1) : body).trim();
      const space = tag.search(/\s/);
      const el: XmlElement = { name: localName(space < 0 ? tag : tag.slice(0, space)), children: [], text: '' };
      stack[stack.length - 1].children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length !== 1) throw new XmlError(`unclosed <${stack[stack.length - 1].name}>`);
  return root;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function textOf(el: XmlElement | undefined): string {
  return el ? el.text.trim() : '';
}

/** Characters that must be escaped in XML text. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
}
