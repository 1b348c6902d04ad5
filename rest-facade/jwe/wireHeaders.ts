/** The response headers of the overview's encrypted-response scheme (digest part 8.2). */
export const JWE_HEADERS = {
  headerProtectedHeader: 'X-CDS-Header-JWE-Protected-Header',
  headerInitializationVector: 'X-CDS-Header-JWE-Initialization-Vector',
  headerCiphertext: 'X-CDS-Header-JWE-Ciphertext',
  headerAuthenticationTag: 'X-CDS-Header-JWE-Authentication-Tag',
  bodyProtectedHeader: 'X-CDS-Body-JWE-Protected-Header',
  bodyInitializationVector: 'X-CDS-Body-JWE-Initialization-Vector',
} as const;

/** The outer type of an encrypted body: the raw bytes ciphertext ‖ tag. */
export const ENCRYPTED_BODY_TYPE = 'application/octet-stream';
