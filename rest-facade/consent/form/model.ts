import { DateTime } from 'luxon';
import {
  indexGraph, isSelectionType, needsPreselectionError, offersIncludeFuture, preselect, PRESELECTION_FIELDS,
  validateAuthorizationDetails, type AuthorizationDetailsEntry, type GraphAddress, type GraphIndex, type Preselection,
} from '../../authorization-details';
import type { ClientRecord } from '../../clients';
import type { ClientScopes } from '../../scopes';
import { HttpError } from '../../errors';
import type { ConsentContext } from '../context';
import { handoffPath } from '../handoff';
import type { PendingRequest } from '../ports';
import type { SessionCustomer } from '../session/sessions';
import { durationStatements, headingOf, itemsOf, summaryOf, type ScopedEntry } from '../wording/access';
import type { ConsentScopeType } from '../wording/data';
import { offeredEntries, SELECTION_NOUNS, words, type OfferedEntry } from './entries';
import type { FormState } from './formState';
import type { FormView, PurposeView, RequestSectionView, SelectionType, SelectionView } from './view';

/** One Request Section: one scope, or several merged with `merge_selection_with` (§7.4.2). */
export interface SectionModel {
  key: string;
  scoped: ScopedEntry[];
  entries: AuthorizationDetailsEntry[];
  selectionType: SelectionType | null;
  /** The §9.2.3.5 aggregation consent list: shown, not chosen. */
  fixedList: boolean;
  allowModifications: boolean;
  purpose?: PurposeView;
  offer: OfferedEntry[];
  preselection: Preselection;
  /** The preselection values in the customer's words (Preselection Error, §9.3.1). */
  requested: string[];
}

export interface RequestModel {
  client: { id: string; name: string; uri?: string; sandbox: boolean; record: ClientRecord };
  sections: SectionModel[];
  index: GraphIndex;
  /** The instant the form was built (relationships and relative wording are read at it). */
  at: number;
}

/** A redirect-worthy problem found when re-validating with the customer known (§9.1.1). */
export class RequestNoLongerValid extends Error {
  constructor(readonly error: string, readonly description: string) {
    super(description);
  }
}

const FIELD_WORDS: Record<string, string> = {
  account_numbers: 'Accounts', contract_numbers: 'Services', servicepoint_numbers: 'Service locations',
  meter_numbers: 'Meters', aggregation_numbers: 'Groups', premise_numbers: 'Buildings (premises)',
  addresses: 'Addresses', service_types: 'Kinds of service', servicepoint_types: 'Kinds of service location',
  meter_types: 'Kinds of meter', meter_apps: 'Meter apps', account_programs: 'Account programs', service_programs: 'Service programs',
};

/** The requested preselections in customer terms, e.g. "Accounts: 111111, 222222". */
function requestedWords(values: Record<string, unknown>): string[] {
  return PRESELECTION_FIELDS.flatMap((field) => {
    const value = values[field.id];
    if (!Array.isArray(value)) return [];
    const items = value.map((v) => (v === '_all' ? 'all of yours' : v === '_include_future' ? 'any added in the future'
      : field.matches === 'address' ? String(v) : /_types$/.test(field.id) ? words(String(v)) : String(v)));
    return items.length ? [`${FIELD_WORDS[field.id] ?? words(field.id)}: ${items.join(', ')}`] : [];
  });
}

/** §9.2.2.4: the Purpose the request names, from the Client's own list; who wrote it is said on the form. */
function purposeView(scopes: ClientScopes, client: ClientRecord, id: unknown): PurposeView | undefined {
  const offered = typeof id === 'string' ? scopes.purpose(id) : undefined;
  if (!offered) return undefined;
  const { purpose } = offered;
  return {
    content: purpose.content,
    writtenBy: offered.serverDefault ? undefined : (client.client_name ?? client.client_id),
    reviewed: offered.reviewed,
    related: purpose.related_uri && purpose.related_name ? { uri: purpose.related_uri, name: purpose.related_name } : undefined,
  };
}

/**
 * The form's model: the request re-validated with the customer known (§9.1.1), its Request
 * Sections (merged per `merge_selection_with`), and each Selection filled from the customer's
 * objects in the federated graph with the request's preselections applied (§7.1, §9.2.3).
 */
export async function buildRequestModel(ctx: ConsentContext, pending: PendingRequest, customer: SessionCustomer): Promise<RequestModel> {
  const at = ctx.clock();
  const client = await ctx.clients.get(pending.client_id);
  if (!client) throw new HttpError(400, 'invalid_request', 'the client of this request no longer exists');
  // The Client's own Scope Descriptions, as the authorize endpoint used them (its Purposes included).
  const scopes = ctx.scopes.forClient(client);
  const validated = validateAuthorizationDetails({
    scope: pending.scope.join(' '),
    authorizationDetails: pending.authorization_details,
    flow: 'authorization_code',
    scopeDescriptions: client.scope.split(' ').map((id) => scopes.get(id)).filter((sd) => sd !== undefined),
    timezone: ctx.config.CDS_TIMEZONE,
    now: new Date(at),
  });
  if (!validated.ok) throw new RequestNoLongerValid(validated.error, validated.error_description);

  // Aggregations are looked up by the numbers the request names (the consent list of §9.2.3.5).
  const aggregationNumbers = [...new Set(validated.entries.flatMap((e) => {
    const v = e.values.aggregation_numbers;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && !x.startsWith('_')) : [];
  }))];
  const index = indexGraph(await ctx.loadCustomerGraph(customer.customerId, { aggregationNumbers }));
  const grouped = new Set(validated.merge_groups.flat());
  const groups = [
    ...validated.merge_groups,
    ...validated.scopes.filter((s) => !grouped.has(s)).map((s) => [s]),
  ].sort((a, b) => validated.scopes.indexOf(a[0]) - validated.scopes.indexOf(b[0]));

  const sections = groups.map((group, i): SectionModel => {
    const entries = group.map((s) => validated.entries.find((e) => e.scope === s)).filter((e): e is AuthorizationDetailsEntry => !!e);
    const scoped: ScopedEntry[] = group.map((scopeId) => {
      const entry = entries.find((e) => e.scope === scopeId);
      const sd = scopes.get(scopeId);
      return { scopeId, sd, type: (entry?.customer_data ? entry.scope_type : null) as ConsentScopeType | null, entry: entry?.values ?? {} };
    });
    const values = entries[0]?.values ?? {};
    const rawType = values.authorization_form_selection_type;
    const selectionType = isSelectionType(rawType) ? rawType : null;
    const fixedList = scoped.some((s) => s.type === 'cds_aggregation_consent');
    const preselection: Preselection = selectionType
      ? preselect(values, selectionType, index, { at })
      : { requested: false, ids: [], include_future: false };
    let offer = selectionType
      ? offeredEntries(selectionType, index, at, scoped.some((s) => s.type === 'cds_meters') && selectionType === 'service_contract_selection')
      : [];
    if (fixedList) offer = offer.filter((e) => preselection.ids.includes(e.id)).map((e) => ({ ...e, children: relatedResources(index, e.id) }));
    return {
      key: `s${i}`,
      scoped,
      entries,
      selectionType,
      fixedList,
      allowModifications: values.allow_scope_modifications === true,
      purpose: purposeView(scopes, client, values.purpose),
      offer,
      preselection,
      requested: requestedWords(values),
    };
  });
  return {
    client: {
      id: client.client_id, name: client.client_name ?? client.client_id, uri: client.client_uri,
      sandbox: client.cds_status === 'sandbox', record: client,
    },
    sections,
    index,
    at,
  };
}

/** §9.2.3.5: the customer's own resources grouped in an aggregation, in their words. */
function relatedResources(index: GraphIndex, aggregationId: string): string[] {
  const agg = index.aggregation.get(aggregationId);
  if (!agg) return [];
  const say = (prefix: string, number: string | null | undefined, address?: GraphAddress | null) => {
    const where = address ? (typeof address === 'string' ? address : address.text).replace(/\s*\n\s*/g, ', ') : null;
    return `${prefix} ${number ?? ''}${where ? ` — ${where}` : ''}`.trim();
  };
  return [
    ...agg.grouped_accounts.map((id) => index.account.get(id)).filter((a) => !!a).map((a) => say('Your account', a!.account_number)),
    ...agg.grouped_servicecontracts.map((id) => index.serviceContract.get(id)).filter((c) => !!c).map((c) => say('Your service', c!.contract_number)),
    ...agg.grouped_servicepoints.map((id) => index.servicePoint.get(id)).filter((p) => !!p)
      .map((p) => say('Your service location', p!.servicepoint_number, p!.servicepoint_address)),
    ...agg.grouped_meterdevices.map((id) => index.meterDevice.get(id)).filter((m) => !!m).map((m) => say('Your meter', m!.meter_number)),
  ];
}

/** §7.4.3 / §9.3.1: the requested resources to show when a section would start with nothing selected. */
export function preselectionProblem(model: RequestModel): string[] | null {
  const failing = model.sections.filter((s) => s.entries[0] && needsPreselectionError(s.entries[0].values, s.preselection));
  return failing.length ? failing.flatMap((s) => s.requested) : null;
}

export interface Problem {
  section?: string;
  message: string;
}

/** What the customer chose in one section: the posted choice, or the preselection on first view. */
export function chosen(section: SectionModel, state: FormState | null): { ids: string[]; includeFuture: boolean } {
  if (section.fixedList) return { ids: section.offer.map((e) => e.id), includeFuture: false };
  if (!state) return { ids: section.preselection.ids, includeFuture: section.preselection.include_future };
  const offered = new Set(section.offer.map((e) => e.id));
  return {
    ids: [...(state.selected.get(section.key) ?? [])].filter((id) => offered.has(id)),
    includeFuture: state.future.has(section.key) && section.selectionType !== null && offersIncludeFuture(section.selectionType),
  };
}

const isRemoved = (section: SectionModel, state: FormState | null) => section.allowModifications && !!state?.removed.has(section.key);

/** Inline approval errors (§9.2.1.6): something selected in every kept section, one section kept. */
export function validateApproval(model: RequestModel, state: FormState): Problem[] {
  const problems: Problem[] = [];
  const kept = model.sections.filter((s) => !isRemoved(s, state));
  if (kept.length === 0) problems.push({ message: 'Keep at least one part of the request, or decline the whole request.' });
  for (const section of kept) {
    if (!section.selectionType || section.fixedList) continue;
    const posted = state.selected.get(section.key) ?? new Set<string>();
    const offered = new Set(section.offer.map((e) => e.id));
    if ([...posted].some((id) => !offered.has(id))) {
      problems.push({ section: section.key, message: 'The list changed while you were on this page. Please check your choice again.' });
      continue;
    }
    const choice = chosen(section, state);
    if (choice.ids.length === 0 && !choice.includeFuture) {
      const noun = SELECTION_NOUNS[section.selectionType].noun;
      problems.push({ section: section.key, message: `Select at least one of your ${noun}, or decline the request.` });
    }
  }
  return problems;
}

/** The sections the customer keeps (all of them unless modification is allowed and used). */
export function keptSections(model: RequestModel, state: FormState): SectionModel[] {
  return model.sections.filter((s) => !isRemoved(s, state));
}

function selectionView(section: SectionModel, state: FormState | null, problem: Problem | undefined): SelectionView | null {
  if (!section.selectionType) return null;
  const nouns = SELECTION_NOUNS[section.selectionType];
  const choice = chosen(section, state);
  const picked = new Set(choice.ids);
  return {
    type: section.selectionType,
    legend: section.fixedList ? 'Your information would be included in these groups:' : nouns.legend,
    noun: nouns.noun,
    editable: !section.fixedList,
    entries: section.offer.map((e) => ({ ...e, selected: picked.has(e.id) })),
    includeFuture: !section.fixedList && offersIncludeFuture(section.selectionType)
      ? { label: nouns.future, selected: choice.includeFuture } : undefined,
    search: state?.search.get(section.key) ?? '',
    hideUnselected: state?.hideUnselected.has(section.key) ?? false,
    error: problem?.message,
  };
}

/** A section in the form's words: data, durations, selection, purpose (§9.2.1.4, §9.2.2). */
export function sectionView(section: SectionModel, model: RequestModel, zone: string, state: FormState | null, problems: Problem[] = []): RequestSectionView {
  const now = DateTime.fromMillis(model.at, { zone });
  const summaries = section.scoped.map(summaryOf);
  const keptCount = model.sections.filter((s) => !isRemoved(s, state)).length;
  const removed = isRemoved(section, state);
  return {
    key: section.key,
    heading: headingOf(section.scoped),
    scopeIds: section.scoped.map((s) => s.scopeId),
    summaries,
    items: itemsOf(section.scoped),
    durations: durationStatements(section.scoped, now),
    selection: selectionView(section, state, problems.find((p) => p.section === section.key)) ?? undefined,
    purpose: section.purpose,
    // §9.2.1.3: any section may be removed except the last one left.
    removable: section.allowModifications && model.sections.length > 1 && (removed || keptCount > 1),
    removed,
  };
}

export function formView(ctx: ConsentContext, model: RequestModel, state: FormState | null, extras: {
  requestId: string; csrf: string; customer: SessionCustomer; problems?: Problem[];
}): FormView {
  const problems = extras.problems ?? [];
  return {
    actionUrl: handoffPath(extras.requestId),
    csrf: extras.csrf,
    client: { name: model.client.name, uri: model.client.uri },
    customerLabel: extras.customer.username,
    sections: model.sections.map((s) => sectionView(s, model, ctx.config.CDS_TIMEZONE, state, problems)),
    errors: problems.map((p) => p.message),
    termsUrl: ctx.branding.termsUrl,
    sandbox: model.client.sandbox,
  };
}
