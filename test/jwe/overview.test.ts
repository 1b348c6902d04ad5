import { describe, expect, it } from 'vitest';
import { cdsDecrypt } from '../support/cdsDecrypt';
import { loadOverviewExample } from './overviewExample';
import { pythonCryptographyAvailable, runOverviewSnippet } from './pythonSnippet';

/** The overview's worked example proves the independent decryptor before it judges our output. */
describe("the overview's encrypted-response example", () => {
  const example = loadOverviewExample();

  it('decrypts with our decryptor to the plaintexts the overview quotes', () => {
    const decrypted = cdsDecrypt(example.privateKey, { headers: example.headers, body: example.body });

    expect(decrypted.headers).toBe(example.quotedHeaders);
    // The quoted body is a paraphrase: the ciphertext holds 48 bytes, Python json.dumps spacing
    // (`{"accounts": [], …}`), while the comment writes `{"accounts":[], …}` (docs/spec-decisions.md).
    expect(JSON.parse(decrypted.body.toString('utf8'))).toEqual(JSON.parse(example.quotedBody));
    expect(decrypted.body.length).toBe(example.body.length - 16);
  });

  it('fails on the example when one body byte is altered', () => {
    const body = Buffer.from(example.body);
    body[0] ^= 1;
    expect(() => cdsDecrypt(example.privateKey, { headers: example.headers, body })).toThrow();
  });

  it.skipIf(!pythonCryptographyAvailable)('decrypts to exactly the bytes the overview Python snippet decrypts', () => {
    const python = runOverviewSnippet(example, example.privateKey, { headers: example.headers, body: example.body });
    const ours = cdsDecrypt(example.privateKey, { headers: example.headers, body: example.body });
    expect(ours.headers).toBe(python.headers);
    expect(ours.body.equals(python.body)).toBe(true);
  });
});
