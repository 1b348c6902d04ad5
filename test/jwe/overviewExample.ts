import type { PrivateJwk } from '../support/cdsDecrypt';
import { readSpec } from '../support/spec';

/**
 * The overview's worked example of an encrypted response, read from the spec file at test time
 * (the project never copies spec text): its Python decryption snippet, the response it decrypts,
 * the private key, and the plaintexts it quotes in its comments.
 */

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, '\\': 92, "'": 39, '"': 34, '0': 0 };

/** The bytes of one Python string/bytes literal's body (between its quotes). */
function pythonLiteral(body: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out.push(body.charCodeAt(i));
      continue;
    }
    const next = body[++i];
    if (next === 'x') {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next in ESCAPES) {
      out.push(ESCAPES[next]);
    } else {
      throw new Error(`unsupported escape \\${next}`);
    }
  }
  return Buffer.from(out);
}

/** Adjacent literals concatenate, as in Python. */
function concatenatedLiterals(source: string, prefix: '' | 'b'): Buffer {
  const literal = new RegExp(`${prefix}"((?:[^"\\\\]|\\\\.)*)"`, 'g');
  return Buffer.concat([...source.matchAll(literal)].map((m) => pythonLiteral(m[1])));
}

function section(source: string, pattern: RegExp, what: string): RegExpMatchArray {
  const match = source.match(pattern);
  if (!match) throw new Error(`overview example: ${what} not found`);
  return match;
}

export interface OverviewExample {
  /** The Python snippet, dedented. */
  python: string;
  headers: Record<string, string>;
  body: Buffer;
  privateKey: PrivateJwk;
  quotedHeaders: string;
  quotedBody: string;
}

export function loadOverviewExample(): OverviewExample {
  const text = readSpec('cds-wg1-02-overview-and-examples.txt');
  const block = section(text, /# Example decrypting data using python's cryptography library\n```\n([\s\S]*?)\n```/, 'Python block')[1];
  const python = block.replace(/^ {4}/gm, '');

  const headersSource = section(python, /^RESPONSE_HEADERS = \{\n([\s\S]*?)^\}$/m, 'RESPONSE_HEADERS')[1];
  const headers: Record<string, string> = {};
  for (const entry of headersSource.matchAll(/"(X-CDS-[A-Za-z-]+)":\s*(\([^)]*\)|"[^"]*")/g)) {
    headers[entry[1]] = concatenatedLiterals(entry[2], '').toString('ascii');
  }

  const bodySource = section(python, /^RESPONSE_BODY = \(\n([\s\S]*?)^\)$/m, 'RESPONSE_BODY')[1];
  const privateKey = JSON.parse(section(python, /^JWK_PRIVATE_KEY = (\{[\s\S]*?^\})$/m, 'JWK_PRIVATE_KEY')[1]);

  const quoted = (what: string) => pythonLiteral(section(python, new RegExp(`# \\(encrypted ${what} = '(.*)'\\)$`, 'm'), `quoted ${what}`)[1]).toString('utf8');

  return {
    python,
    headers,
    body: concatenatedLiterals(bodySource, 'b'),
    privateKey,
    quotedHeaders: quoted('headers'),
    quotedBody: quoted('body'),
  };
}
