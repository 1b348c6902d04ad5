/**
 * Where each header of an encrypted response goes (digest part 10 #38):
 * - `clear`: transport headers a client, proxy or HTTP library acts on before it can decrypt —
 *   hop-by-hop, date, caching, CORS, back-off, the RFC 6750 challenge, transport security;
 * - `drop`: headers that would describe the plaintext from outside — validators and digests (their
 *   304s and values reveal whether the data changed) and the framing we replace;
 * - `encrypt`: everything else — `Content-Type`, `Content-Encoding`, request ids, links, any
 *   application header.
 */
export type HeaderPlacement = 'clear' | 'drop' | 'encrypt';

const CLEAR = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'upgrade', 'trailer', 'date',
  'cache-control', 'expires', 'pragma', 'age', 'vary',
  'retry-after', 'www-authenticate', 'strict-transport-security', 'alt-svc',
]);
const CLEAR_PREFIXES = ['access-control-', 'ratelimit', 'x-ratelimit-'];

const DROP = new Set([
  'content-length', 'transfer-encoding', 'etag', 'last-modified',
  'content-md5', 'digest', 'content-digest', 'repr-digest',
]);
/** Any upstream value of these is replaced by the encryption's own. */
const DROP_PREFIXES = ['x-cds-header-jwe-', 'x-cds-body-jwe-'];

export function headerPlacement(name: string): HeaderPlacement {
  const lower = name.toLowerCase();
  if (DROP.has(lower) || DROP_PREFIXES.some((p) => lower.startsWith(p))) return 'drop';
  if (CLEAR.has(lower) || CLEAR_PREFIXES.some((p) => lower.startsWith(p))) return 'clear';
  return 'encrypt';
}
