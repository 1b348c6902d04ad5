/**
 * The redirect_uri with response parameters added to its query (RFC 6749 §4.1.2: existing query
 * components are kept), plus `iss` (RFC 9207) so the Client can tell which server answered.
 */
export function redirectWith(redirectUri: string, params: Record<string, string | null | undefined>, issuer: string): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries({ ...params, iss: issuer })) {
    if (value !== null && value !== undefined) url.searchParams.append(name, value);
  }
  return url.toString();
}
