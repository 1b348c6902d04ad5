import { FIELDS, type FieldSpec } from '../../authorization-details/fields';
import {
  normalizeAtypical, normalizeServerAddress, US_LOCALE, type AddressLocale,
} from '../../authorization-details/selection/addresses';
import type { DocumentationPage, DocumentationSection } from '../documentation';
import type { AuthorizationDetailsField, ScopeDescription } from '../schema';
import type { CustomerDataConfig } from './config';
import { PURPOSES_MEMBER } from './purposes';
import { customerDataScopeType } from './scopeTypes';

/**
 * The developer documentation the Customer Data metadata links to (cds-wg3-01 §5, §6, §7, §8):
 * generated from the same configuration, Scope Descriptions and field table the metadata is built
 * from, and, for `addresses` (§7.1.13.1), from the very functions that normalise addresses.
 */

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

function fieldRow(field: AuthorizationDetailsField): string[] {
  const bounds = field.minimum === undefined && field.maximum === undefined ? '—' : `${show(field.minimum)} to ${show(field.maximum)}`;
  return [field.id, field.format, field.is_required ? 'required' : 'optional', show(field.default), bounds];
}

function scopeSection(sd: ScopeDescription, config: CustomerDataConfig): DocumentationSection {
  const scopeType = customerDataScopeType(sd.type)!;
  const registration = [...sd.registration_requirements.map((id) => `${id} (required)`), ...sd.registration_optional.map((id) => `${id} (optional)`)];
  return {
    id: sd.id,
    title: `${sd.name} (${sd.id})`,
    text: [
      sd.description,
      `Scope type ${sd.type}, defined by cds-wg3-01 §${scopeType.section}. Authorization details type: ${sd.authorization_details_types_supported.join(', ')}.`,
      scopeType.consent
        ? 'A customer authorizes it on the authorization form: authorization code flow with PKCE (S256), refreshed with refresh tokens.'
        : 'Granted to your Client directly with client_credentials, for the data your agreements with the utility cover; no customer takes part.',
      `Client authentication: ${sd.token_endpoint_auth_methods_supported.join(', ')}. Grant Admin access: ${sd.grant_admin_scope ?? 'none'}.`,
      registration.length ? `Registration fields: ${registration.join(', ')}.` : 'No registration fields.',
    ],
    table: [['Field', 'Format', 'In a request', 'Default', 'Minimum to maximum'], ...sd.authorization_details_fields_supported.map(fieldRow)],
    links: [['Every field explained', `${config.documentation}/fields`]],
  };
}

/** §7.1.13.1: the locale's expansions, separator, segments and examples, computed by the matcher. */
function addressSections(locale: AddressLocale): DocumentationSection[] {
  const typical = 'Acme Co.\n123 N Main St. #234\nAnytown, CA 94000';
  const examples: [string, string, boolean][] = [
    ['Typical', typical, true],
    ['Typical, with country', '77 Ocean Blvd, Apt 5\nBayview, CA 94100-1234\nUSA', true],
    ['Atypical (not usable in mapping services)', 'Acme Farm Irrigation, 12 mi North on FM 5555\n150 ft West into the field', false],
  ];
  const typicalForm = normalizeServerAddress({ text: typical, typical: true }, locale);
  const inputs = [
    '123 North Main Street Unit 234, Anytown, CA, 94000',
    '  123 north main street unit 234,   ANYTOWN, ca, 94000 ',
    '123 N Main St. #234, Anytown, CA 94000',
  ];
  return [
    {
      id: `addresses-${locale.id}`,
      title: `Address matching (${locale.id})`,
      text: [
        'The utility\'s own addresses are Typical (usable in common mapping services) or Atypical. A Typical address is normalised by dropping the address name (the lines before the house number), expanding the postal abbreviations below (a trailing period is ignored), lowercasing, and putting the segments on one line in this order, joined by the separator: '
          + `${locale.segments.join(locale.segmentSeparator)}. Separator: "${locale.segmentSeparator}". Repeated whitespace is collapsed and the result trimmed.`,
        'An Atypical address is only lowercased, put on one line (line breaks become spaces), and stripped of repeated whitespace.',
        'Every address you send is normalised the Atypical way and compared exactly. It matches only when exactly one of the customer\'s resources available to the scope has that normalised address; two or more are not unique enough and match nothing. So send Typical addresses already expanded, with every segment and the separator.',
      ],
      table: [['Abbreviation', 'Expanded to'], ...Object.entries(locale.abbreviations)],
    },
    {
      id: `addresses-${locale.id}-examples`,
      title: `Normalised addresses (${locale.id})`,
      table: [['Address kind', 'Address as the utility holds it', 'Normalised'],
        ...examples.map(([kind, text, isTypical]) => [kind, text, normalizeServerAddress({ text, typical: isTypical }, locale)])],
    },
    {
      id: `addresses-${locale.id}-requests`,
      title: `What you send (${locale.id})`,
      table: [['Address in the request', 'Normalised', `Matches "${typicalForm}"`],
        ...inputs.map((input) => [input, normalizeAtypical(input), normalizeAtypical(input) === typicalForm ? 'yes' : 'no'])],
    },
  ];
}

function fieldText(spec: FieldSpec, timezone: string): string[] {
  const text = [spec.description, `Defined by cds-wg3-01 §${spec.section}; formats allowed there: ${spec.formats.join(', ')}.`];
  switch (spec.kind) {
    case 'preselection':
      text.push(spec.matches === 'address'
        ? 'Addresses are normalised and matched as described below.'
        : `Values are compared exactly with the resources' own values.${spec.specials.length ? ` Special values: ${spec.specials.join(', ')} (authorization requests only).` : ''}`);
      break;
    case 'include':
      text.push('true shares what the field names; a scope that always shares it publishes the default true.');
      break;
    case 'duration':
      text.push(`An absolute ${spec.format === 'relative_or_absolute_date' ? 'date' : 'datetime'}, "infinite", or an ISO 8601 duration counted ${spec.direction === 'past' ? 'back' : 'forward'} from the moment of approval (or of the token request) in ${timezone}.`);
      break;
    default:
      break;
  }
  return text;
}

function fieldSection(spec: FieldSpec, descriptions: readonly ScopeDescription[], timezone: string): DocumentationSection {
  const listing = descriptions.flatMap((sd) => sd.authorization_details_fields_supported.filter((f) => f.id === spec.id).map((f) => [sd.id, ...fieldRow(f).slice(1)]));
  return {
    id: spec.id,
    title: `${spec.name} (${spec.id})`,
    text: fieldText(spec, timezone),
    table: [['Scope', 'Format', 'In a request', 'Default', 'Minimum to maximum'], ...listing],
    ...(spec.id === 'addresses' && { sections: addressSections(US_LOCALE) }),
  };
}

/** Choices documented on this Server's choices page, grouped by field (`<field>-<choice id>` anchors). */
function choiceSections(descriptions: readonly ScopeDescription[], page: string): DocumentationSection[] {
  const byField = new Map<string, Map<string, DocumentationSection>>();
  for (const field of descriptions.flatMap((sd) => sd.authorization_details_fields_supported)) {
    for (const choice of field.choices ?? []) {
      if (!choice.documentation.startsWith(`${page}#`)) continue; // e.g. Purposes, documented on their own page
      const choices = byField.get(field.id) ?? new Map<string, DocumentationSection>();
      byField.set(field.id, choices);
      const format = (choice as { usagesegment_format?: unknown }).usagesegment_format;
      choices.set(choice.id, {
        id: decodeURIComponent(new URL(choice.documentation).hash.slice(1)), title: `${choice.name} (${choice.id})`, text: [choice.description],
        ...(format !== undefined && { json: format }),
      });
    }
  }
  return [...byField].map(([id, choices]) => ({ id, title: id, sections: [...choices.values()] }));
}

/** The pages under the configured documentation URL, or none when it is not on this Server. */
export function customerDataDocumentation(
  config: CustomerDataConfig, descriptions: readonly ScopeDescription[], timezone: string,
): DocumentationPage[] {
  if (!config.documentation.startsWith(`${config.publicUrl}/`)) return [];
  const base = config.documentation.slice(config.publicUrl.length);
  const listed = new Set(descriptions.flatMap((sd) => sd.authorization_details_fields_supported.map((f) => f.id)));
  const { registration, review } = config.clientPurposes;
  const pages: DocumentationPage[] = [
    {
      path: `${base}/scopes`,
      title: 'Customer Data scopes',
      intro: ['The cds-wg3-01 scopes this Server offers, as its Authorization Server Metadata describes them (cds_scope_descriptions).'],
      sections: descriptions.map((sd) => scopeSection(sd, config)),
    },
    {
      path: `${base}/fields`,
      title: 'Customer Data authorization details fields',
      intro: ['What each authorization_details field of the Customer Data scopes means here, and how each scope offers it.'],
      sections: FIELDS.filter((f) => listed.has(f.id)).map((f) => fieldSection(f, descriptions, timezone)),
    },
    {
      path: `${base}/choices`,
      title: 'Customer Data choices',
      intro: ['The values of the fields whose format is a choice.'],
      sections: choiceSections(descriptions, `${config.documentation}/choices`),
    },
    {
      path: `${base}/purposes`,
      title: 'Purposes',
      intro: ['Purposes are shown to the customer on the authorization form when a request names one in its purpose field (cds-wg3-01 §7.4.4, §8).'],
      sections: [
        ...Object.values(config.defaultPurposes).map((p) => ({
          id: p.id, title: `${p.name} (Server default)`,
          text: ['Every Client registered for one of its scopes has this Purpose in cds_purposes; it cannot be changed or removed.'],
          json: p,
        })),
        {
          id: 'client-purposes', title: 'Your own Purposes',
          text: [
            registration === 'none'
              ? 'Add your own Purposes after registration.'
              : `Submit your own Purposes at registration as ${PURPOSES_MEMBER} (${registration}): a list of Purpose objects whose id is "" and scopes_supported is []. The Server assigns each an id and your Client's consent scopes.`,
            `Later, PUT your Client Object with ${PURPOSES_MEMBER}: a Purpose with an unknown id is added under a new id, a changed text is updated, one you leave out is removed; ids, scopes_supported and the Server defaults never change.${review ? ' Added and changed Purposes wait for the Server\'s review (202 and a field_changes Message).' : ''}`,
          ],
        },
      ],
    },
  ];
  if (config.eacFormats.some((f) => f.documentation.startsWith(`${config.documentation}/eac-formats#`))) {
    pages.push({
      path: `${base}/eac-formats`,
      title: 'Energy attribute certificate formats',
      intro: ['The formats of the certificate documents the certificates API returns (cds_eac_formats).'],
      sections: config.eacFormats.map((f) => ({ id: f.id, title: `${f.name} (${f.id})`, text: [f.description] })),
    });
  }
  return [{
    path: base,
    title: 'Customer Data',
    intro: ['The Customer Data APIs of cds-wg3-01: what this Server offers and how it reads the specification.'],
    sections: pages.map((p) => ({ id: p.path.slice(base.length + 1), title: p.title, text: p.intro, links: [[p.title, `${config.publicUrl}${p.path}`]] })),
  }, ...pages];
}
