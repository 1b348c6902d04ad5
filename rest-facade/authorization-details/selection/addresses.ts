/**
 * Address normalisation and matching for the `addresses` preselection field (cds-wg3-01 §7.1.13.1).
 * The Server's own addresses are Typical (usable in common mapping services) or Atypical; each gets
 * one Normalized Address. A request's addresses are normalised the Atypical way and match a
 * resource only when exactly one of the candidate resources has that Normalized Address.
 */

/** An address in the Customer graph; `typical` when the source system knows (e.g. CIS ADDR_FMT_CD). */
export type GraphAddress = string | { text: string; typical: boolean };

/** What the `addresses` field's documentation publishes per locale (§7.1.13.1). */
export interface AddressLocale {
  id: string;
  /** Postal abbreviations expanded in Typical addresses, lowercase, without the trailing period. */
  abbreviations: Readonly<Record<string, string>>;
  segmentSeparator: string;
  /** The segments of a normalised Typical address, in order, for the documentation. */
  segments: readonly string[];
}

/** United States: USPS street suffixes, directionals and unit designators (Publication 28). */
export const US_LOCALE: AddressLocale = {
  id: 'en-US',
  abbreviations: {
    st: 'street', ave: 'avenue', av: 'avenue', blvd: 'boulevard', rd: 'road', dr: 'drive', ln: 'lane', ct: 'court',
    pl: 'place', pkwy: 'parkway', hwy: 'highway', cir: 'circle', ter: 'terrace', trl: 'trail', sq: 'square',
    n: 'north', s: 'south', e: 'east', w: 'west', ne: 'northeast', nw: 'northwest', se: 'southeast', sw: 'southwest',
    apt: 'apartment', ste: 'suite', bldg: 'building', fl: 'floor', rm: 'room', '#': 'unit',
  },
  segmentSeparator: ', ',
  segments: ['street address (with unit)', 'city', 'state (two letters)', 'ZIP code', 'country (if present)'],
};

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** §7.1.13.1 Atypical normalisation; also how every Input Address is normalised. */
export function normalizeAtypical(address: string): string {
  return collapse(address.toLowerCase().replace(/\r\n|\r|\n/g, ' '));
}

// "<city> <ST> <ZIP>[ <country>]" at the end of a Typical address.
const LAST_LINE = /^(?<city>.+?)[\s,]+(?<state>[a-z]{2})[\s,]+(?<zip>\d{5}(?:-\d{4})?)(?:[\s,]+(?<country>[a-z][a-z .]*))?$/;

function expand(words: string, locale: AddressLocale): string {
  return words
    .replace(/#\s*(?=\w)/g, '# ')
    .split(/\s+/)
    .map((w) => {
      const key = w.toLowerCase().replace(/\.$/, '');
      return locale.abbreviations[key] ?? w;
    })
    .join(' ');
}

/**
 * §7.1.13.1 Typical normalisation: drop the address name (the lines before the one starting with a
 * house number), expand postal abbreviations, lowercase, one line with the locale's segment
 * separator between street, city, state, ZIP (and country), collapse whitespace, trim.
 * Returns null when the text does not have that shape (the caller treats it as Atypical).
 */
export function normalizeTypical(address: string, locale: AddressLocale = US_LOCALE): string | null {
  const parts = address.split(/\r\n|\r|\n|,/).map(collapse).filter(Boolean);
  const street = parts.findIndex((p) => /^\d/.test(p));
  if (street < 0) return null;
  for (let tail = parts.length - 1; tail > street; tail--) {
    const last = LAST_LINE.exec(parts.slice(tail).join(' ').toLowerCase());
    if (!last?.groups) continue;
    const streetLines = parts.slice(street, tail).map((p) => expand(p, locale)).join(' ');
    const { city, state, zip, country } = last.groups;
    const segments = [streetLines, city, state, zip, ...(country ? [country] : [])].map((s) => collapse(s.toLowerCase()));
    return segments.join(locale.segmentSeparator);
  }
  return null;
}

/** The Server-side Normalized Address of a graph address. */
export function normalizeServerAddress(address: GraphAddress, locale: AddressLocale = US_LOCALE): string {
  const text = typeof address === 'string' ? address : address.text;
  const typical = typeof address === 'string' ? true : address.typical;
  return (typical ? normalizeTypical(text, locale) : null) ?? normalizeAtypical(text);
}

/**
 * Which candidate resources each Input Address matches: a candidate is matched when it is the only
 * one whose (any) address normalises to the Input Address; 0 or ≥2 candidates match nothing.
 */
export function matchAddresses(
  inputs: readonly string[],
  candidates: ReadonlyArray<{ id: string; addresses: readonly GraphAddress[] }>,
  locale: AddressLocale = US_LOCALE,
): Set<string> {
  const byAddress = new Map<string, Set<string>>();
  for (const c of candidates) {
    for (const a of c.addresses) {
      const key = normalizeServerAddress(a, locale);
      byAddress.set(key, (byAddress.get(key) ?? new Set()).add(c.id));
    }
  }
  const matched = new Set<string>();
  for (const input of inputs) {
    const ids = byAddress.get(normalizeAtypical(input));
    if (ids?.size === 1) matched.add([...ids][0]);
  }
  return matched;
}

/**
 * The locale facts the `addresses` field's `documentation` page must give (§7.1.13.1), with
 * examples computed by the very functions that match, so the page cannot drift from the code.
 */
export function addressDocumentation(locale: AddressLocale = US_LOCALE): string {
  const typical = 'Acme Co.\n123 N Main St. #234\nAnytown, CA 94000';
  const atypical = 'Acme Farm Irrigation, 12 mi North on FM 5555\n150 ft West into the field';
  const expansions = Object.entries(locale.abbreviations).map(([k, v]) => `\`${k}\` → \`${v}\``).join(', ');
  return [
    `## Address matching (${locale.id})`,
    '',
    `Typical addresses are normalised to one line: ${locale.segments.join(`${locale.segmentSeparator}`)},`,
    `joined by "${locale.segmentSeparator}", lowercase, with single spaces. The address name (lines before the`,
    'house number) is dropped and these abbreviations are expanded (a trailing period is ignored):',
    expansions,
    '',
    'Atypical addresses and every address you send are only lowercased, put on one line and',
    'stripped of repeated spaces. Send Typical addresses already expanded and with every segment.',
    'An address matches only when exactly one of your customer\'s resources has it.',
    '',
    `- Typical: ${JSON.stringify(typical)} → ${JSON.stringify(normalizeServerAddress({ text: typical, typical: true }, locale))}`,
    `- Atypical: ${JSON.stringify(atypical)} → ${JSON.stringify(normalizeServerAddress({ text: atypical, typical: false }, locale))}`,
  ].join('\n');
}
