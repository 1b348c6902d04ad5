import { spawnSync } from 'node:child_process';
import type { PrivateJwk } from '../support/cdsDecrypt';
import type { OverviewExample } from './overviewExample';

/**
 * The snippet needs Python's `cryptography` package: the first interpreter that has it (a pyenv
 * `python3` may lack it where Debian's `python3-cryptography` is installed, as `.ci/run` does).
 * Without one these checks are skipped.
 */
const PYTHON = ['python3', '/usr/bin/python3'].find(
  (bin) => spawnSync(bin, ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0,
);
export const pythonCryptographyAvailable = PYTHON !== undefined;

const RESULT = '@@cds-result@@';

/**
 * Runs the overview's own Python decryption snippet, unchanged except that its three inputs
 * (response headers, response body, private key) are read from stdin, and returns what it
 * decrypted. Throws with Python's stderr if the snippet fails (e.g. InvalidTag).
 */
export function runOverviewSnippet(
  example: OverviewExample,
  privateKey: PrivateJwk,
  response: { headers: Record<string, string>; body: Uint8Array },
): { headers: string; body: Buffer } {
  const replace = (source: string, pattern: RegExp, replacement: string) => {
    if (!pattern.test(source)) throw new Error(`snippet: ${pattern} not found`);
    return source.replace(pattern, replacement);
  };
  let script = example.python;
  script = replace(script, /^RESPONSE_HEADERS = \{\n[\s\S]*?^\}$/m, 'RESPONSE_HEADERS = _INPUT["headers"]');
  script = replace(script, /^RESPONSE_BODY = \(\n[\s\S]*?^\)$/m, 'RESPONSE_BODY = base64.b64decode(_INPUT["body"])');
  script = replace(script, /^JWK_PRIVATE_KEY = \{[\s\S]*?^\}$/m, 'JWK_PRIVATE_KEY = _INPUT["key"]');
  script = [
    'import base64, json, sys',
    '_INPUT = json.load(sys.stdin)',
    script,
    `print(${JSON.stringify(RESULT)} + json.dumps({"headers": headers_cleartext.decode(), "body": base64.b64encode(body_cleartext).decode()}))`,
  ].join('\n');

  const input = JSON.stringify({ headers: response.headers, body: Buffer.from(response.body).toString('base64'), key: privateKey });
  const run = spawnSync(PYTHON ?? 'python3', ['-c', script], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`python snippet failed: ${run.stderr.trim().split('\n').pop()}`);
  const line = run.stdout.split('\n').find((l) => l.startsWith(RESULT));
  if (!line) throw new Error('python snippet printed no result');
  const result = JSON.parse(line.slice(RESULT.length));
  return { headers: result.headers, body: Buffer.from(result.body, 'base64') };
}
