/**
 * A page the `documentation` URLs of a provider's Scope Descriptions, fields, Choices and
 * Registration Fields point to (cds-wg1-02 §3.4–§3.10), as data: the metadata router serves it in
 * the Server's developer page style, so providers never build HTML and every link has a page.
 */
export interface DocumentationPage {
  /** Path under PUBLIC_URL, e.g. `/docs/customer-data/scopes`. */
  path: string;
  title: string;
  intro: string[];
  sections: DocumentationSection[];
}

export interface DocumentationSection {
  /** The fragment the metadata links to (unique on its page). */
  id: string;
  title: string;
  /** Paragraphs of plain text. */
  text?: string[];
  /** A table of plain text, header row first. */
  table?: string[][];
  /** A JSON value shown as published (e.g. a Purpose object or a Value Format). */
  json?: unknown;
  /** Further reading: label and URL. */
  links?: [label: string, url: string][];
  sections?: DocumentationSection[];
}

/** Every fragment id of a page, depth first (for uniqueness checks and tests). */
export function sectionIds(sections: readonly DocumentationSection[]): string[] {
  return sections.flatMap((s) => [s.id, ...sectionIds(s.sections ?? [])]);
}
