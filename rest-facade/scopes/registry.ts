import {
  CODE_CHALLENGE_METHODS, GRANT_TYPES, RESPONSE_TYPES, TOKEN_ENDPOINT_AUTH_METHODS,
} from '../oauth/paths';
import type { Purpose } from '../purposes';
import {
  CLIENT_ADMIN_SCOPE, GRANT_ADMIN_TYPE, SERVER_PROVIDED_FILES_TYPE, type ScopeDocs,
} from './builtin';
import { sectionIds, type DocumentationPage } from './documentation';
import {
  registrationFieldSchema, scopeDescriptionSchema, type RegistrationField, type ScopeDescription,
} from './schema';

/** One RFC 9396 authorization_details entry: a `type` (an SD id, §3.4) plus that scope's fields. */
export type AuthorizationDetail = { type: string } & Record<string, unknown>;

/**
 * A Registration Field as configured: the published object (§3.5) plus, for the types that need a
 * post-registration step (§3.6), where the Client completes it (never single-use).
 */
export type RegistrationFieldSetting = RegistrationField & { request_uri?: string };

export interface ScopeContext {
  publicUrl: string;
  docs: ScopeDocs;
  /** Coverage entry ids the deployment publishes (01§4.3); SDs may reference only these. */
  coverageIds: string[];
  /** The Server's `cds_timezone` (§3.2): relative dates and datetimes are counted in it (§3.9). */
  timezone: string;
  /** Milliseconds since the epoch (the facade's clock); `Date.now` when absent. */
  clock?: () => number;
}

/** When and where a single-entry check counts relative bounds from. */
export interface CheckMoment {
  now: Date;
  timezone: string;
}

/**
 * What a member's rules decided: the value in effect now (undefined = the Client has no such
 * member) and, when the change waits for the Server's review (§5.5), the value proposed.
 */
export type FieldOutcome = { ok: true; value: unknown; review?: unknown } | { ok: false; error_description: string };

/**
 * A Client Object member an extension manages (e.g. cds-wg3-01 `cds_purposes`): its value at
 * registration and how a Clients API PUT may change it (§5.5, §10). A Registration Field whose
 * `field_name` is the member's name feeds it at registration.
 */
export interface ClientFieldRules {
  /**
   * At registration, for each Client with its `scopes`; `submitted` is the value of the Registration
   * Field of that name (already checked by its format), undefined when none applies. A `review`
   * value is held in a `field_changes` Message, as on a PUT.
   */
  onRegister?(submitted: unknown, scopes: string[]): FieldOutcome;
  /** On a PUT; `requested` is undefined when the body omits the member. */
  onModify(current: unknown, requested: unknown, scopes: string[]): FieldOutcome;
}

/**
 * A Client as the providers see it: its scopes and the values of the members they manage (§5.1,
 * §10), e.g. cds-wg3-01 `cds_purposes`. A stored Client Object satisfies it.
 */
export interface ScopeClient {
  scope: string;
  registration_fields: Record<string, unknown>;
}

/** A Purpose a Client's `purpose` field may name (cds-wg3-01 §7.4.4), as the customer pages need it. */
export interface OfferedPurpose {
  purpose: Purpose;
  /** One of the Server's default Purposes; otherwise the Client wrote it (§9.2.2.4 says so on the form). */
  serverDefault: boolean;
  /** The Server reviewed and approved its content (§9.4: only then may a notification quote it). */
  reviewed: boolean;
}

/** What a provider offers one Client: its Scope Descriptions as that Client sees them, and their Purposes. */
export interface ClientOffer {
  descriptions: ScopeDescription[];
  purposes?: Record<string, OfferedPurpose>;
}

/** Scope Descriptions by id: the public ones (the registry) or one Client's (ClientScopes). */
export interface ScopeLookup {
  get(id: string): ScopeDescription | undefined;
  all(): ScopeDescription[];
}

/**
 * A source of Scope Descriptions. The built-in provider covers §3.3; the cds-wg3-01 scopes are one
 * more provider (one line in ./providers.ts).
 */
export interface ScopeProvider {
  name: string;
  scopes(ctx: ScopeContext): ScopeDescription[];
  registrationFields?(ctx: ScopeContext): RegistrationFieldSetting[];
  /** Members this provider adds to the Authorization Server Metadata (e.g. its API URLs). */
  serverMetadata?(ctx: ScopeContext): Record<string, unknown>;
  /**
   * Checks one authorization_details entry whose `type` is one of this provider's SD ids (used when
   * Clients set `cds_default_authorization_details` or modify a Grant). Returns an error or null.
   */
  validateAuthorizationDetail?(scope: ScopeDescription, entry: AuthorizationDetail, moment: CheckMoment): string | null;
  /** Registration Field formats this provider adds (§10), checking a submitted value; null = valid. */
  registrationFieldFormats?: Record<string, (value: unknown, field: RegistrationField) => string | null>;
  /** Client Object members this provider manages, by name. */
  clientFields?(ctx: ScopeContext): Record<string, ClientFieldRules>;
  /** The pages its `documentation` URLs point to, when they are on this Server. */
  documentation?(ctx: ScopeContext): DocumentationPage[];
  /**
   * Client-specific versions of its Scope Descriptions (cds-wg3-01 §5: metadata may differ per
   * Client, e.g. the `purpose` choices of §7.4.4); only ids it also describes publicly.
   */
  forClient?(ctx: ScopeContext, client: ScopeClient): ClientOffer;
}

/**
 * One Client's Scope Descriptions: the public ones with its providers' Client-specific versions in
 * their place. The Client's metadata, its authorization and token requests and the authorization
 * form all read this one view.
 */
export class ClientScopes implements ScopeLookup {
  constructor(
    private readonly byId: ReadonlyMap<string, ScopeDescription>,
    private readonly purposes: Readonly<Record<string, OfferedPurpose>>,
  ) {}

  get(id: string): ScopeDescription | undefined {
    return this.byId.get(id);
  }

  all(): ScopeDescription[] {
    return [...this.byId.values()];
  }

  /** The Purpose a `purpose` value names, if this Client may name it. */
  purpose(id: string): OfferedPurpose | undefined {
    return Object.hasOwn(this.purposes, id) ? this.purposes[id] : undefined;
  }
}

/** What the authorization server implements, by Scope Description member: an SD may offer no more. */
const IMPLEMENTED = {
  response_types_supported: RESPONSE_TYPES,
  grant_types_supported: GRANT_TYPES,
  token_endpoint_auth_methods_supported: TOKEN_ENDPOINT_AUTH_METHODS,
  code_challenge_methods_supported: CODE_CHALLENGE_METHODS,
} as const satisfies Partial<Record<keyof ScopeDescription, readonly string[]>>;

/** What a deployment offers, validated once at start-up (a misconfiguration fails fast). */
export class ScopeRegistry implements ScopeLookup {
  private readonly byId = new Map<string, ScopeDescription>();
  private readonly owner = new Map<string, ScopeProvider>();
  private readonly fields = new Map<string, RegistrationFieldSetting>();
  private readonly metadata: Record<string, unknown> = {};
  /** Registration Field formats added by providers. */
  readonly extraFieldFormats: Record<string, (value: unknown, field: RegistrationField) => string | null> = {};
  /** Client Object members managed by providers. */
  readonly clientFields: Record<string, ClientFieldRules> = {};
  /** Documentation pages served for providers, by path. */
  private readonly pages = new Map<string, DocumentationPage>();

  constructor(private readonly ctx: ScopeContext, private readonly providers: ScopeProvider[]) {
    for (const provider of providers) {
      for (const sd of provider.scopes(ctx)) {
        if (this.byId.has(sd.id)) throw new Error(`scope ${sd.id} is described twice`);
        this.byId.set(sd.id, scopeDescriptionSchema.parse(sd));
        this.owner.set(sd.id, provider);
      }
      for (const rf of provider.registrationFields?.(ctx) ?? []) {
        registrationFieldSchema.parse(rf);
        if (this.fields.has(rf.id)) throw new Error(`registration field ${rf.id} is defined twice`);
        this.fields.set(rf.id, rf);
      }
      Object.assign(this.metadata, provider.serverMetadata?.(ctx) ?? {});
      Object.assign(this.extraFieldFormats, provider.registrationFieldFormats ?? {});
      Object.assign(this.clientFields, provider.clientFields?.(ctx) ?? {});
      for (const page of provider.documentation?.(ctx) ?? []) {
        if (this.pages.has(page.path)) throw new Error(`documentation page ${page.path} is defined twice`);
        const ids = sectionIds(page.sections);
        if (new Set(ids).size !== ids.length) throw new Error(`documentation page ${page.path} repeats a section id`);
        this.pages.set(page.path, page);
      }
    }
    this.check(ctx);
  }

  /** The cross-object MUSTs of §3.3–§3.8 that a single schema cannot express. */
  private check(ctx: ScopeContext) {
    const fail = (message: string) => { throw new Error(`scope configuration: ${message}`); };
    if (this.byId.get(CLIENT_ADMIN_SCOPE)?.type !== CLIENT_ADMIN_SCOPE) fail('cds_client_admin must be offered (§4.1)');
    for (const sd of this.byId.values()) {
      if (sd.grant_admin_scope !== null && this.byId.get(sd.grant_admin_scope)?.type !== GRANT_ADMIN_TYPE) {
        fail(`${sd.id}: grant_admin_scope ${sd.grant_admin_scope} is not a ${GRANT_ADMIN_TYPE} scope (§3.4)`);
      }
      for (const id of [...sd.registration_requirements, ...sd.registration_optional]) {
        if (!this.fields.has(id)) fail(`${sd.id}: registration field ${id} is not defined (§3.2)`);
      }
      for (const id of sd.registration_optional) {
        const rf = this.fields.get(id)!;
        if (rf.type === 'registration_field' && rf.default === undefined) fail(`${id}: an optional registration_field needs a default (§3.6)`);
      }
      // A1: the Server-Provided Files SD mandates no grant types.
      if (sd.grant_types_supported.length === 0 && sd.type !== SERVER_PROVIDED_FILES_TYPE) fail(`${sd.id}: no grant type (§3.4)`);
      const code = sd.grant_types_supported.includes('authorization_code');
      const methods = sd.code_challenge_methods_supported;
      if (code && (!methods.includes('S256') || methods.includes('plain'))) fail(`${sd.id}: PKCE must offer S256 and not plain (§3.4)`);
      if (!code && methods.length > 0) fail(`${sd.id}: code_challenge_methods_supported must be [] without authorization_code (§3.4)`);
      // The ASM advertises the SDs' unions (§3.2), so an SD must not offer what the server refuses.
      for (const [member, implemented] of Object.entries(IMPLEMENTED)) {
        const missing = sd[member as keyof typeof IMPLEMENTED].filter((v) => !(implemented as readonly string[]).includes(v));
        if (missing.length > 0) fail(`${sd.id}: ${member} offers ${missing.join(', ')}, which this server does not implement`);
      }
      for (const coverage of sd.coverages_supported) {
        if (!ctx.coverageIds.includes(coverage)) fail(`${sd.id}: coverage ${coverage} is not published (01§4.3)`);
      }
      for (const adf of sd.authorization_details_fields_supported) {
        for (const t of adf.for_types) {
          if (!sd.authorization_details_types_supported.includes(t)) fail(`${sd.id}: field ${adf.id} names type ${t} outside the scope's types (§3.8)`);
        }
        if (adf.is_required && adf.default !== undefined) fail(`${sd.id}: required field ${adf.id} has a default (§3.8)`);
      }
    }
    for (const rf of this.fields.values()) {
      if (rf.type === 'registration_field' && (!rf.field_name || !rf.format)) fail(`${rf.id}: field_name and format are required (§3.6)`);
      if (rf.type === 'payment_required' && (rf.amount === undefined || rf.currency === undefined)) fail(`${rf.id}: amount and currency are required (§3.6)`);
      if (rf.format?.startsWith('choice') && !rf.choices) fail(`${rf.id}: choices are required (§3.5)`);
      if ((rf.format === 'choice' || rf.format === 'choice_list') && rf.choices?.length === 0) fail(`${rf.id}: at least one choice (§3.5)`);
    }
  }

  get(id: string): ScopeDescription | undefined {
    return this.byId.get(id);
  }

  all(): ScopeDescription[] {
    return [...this.byId.values()];
  }

  ofType(type: string): ScopeDescription[] {
    return this.all().filter((sd) => sd.type === type);
  }

  field(id: string): RegistrationFieldSetting | undefined {
    return this.fields.get(id);
  }

  /** `cds_registration_fields` (§3.2): every field some SD lists, required or optional (A28). */
  publishedRegistrationFields(): Record<string, RegistrationField> {
    const referenced = new Set(this.all().flatMap((sd) => [...sd.registration_requirements, ...sd.registration_optional]));
    const out: Record<string, RegistrationField> = {};
    for (const id of referenced) {
      const { request_uri: _internal, ...published } = this.fields.get(id)!;
      out[id] = published;
    }
    return out;
  }

  /** The providers' documentation pages (served by the metadata router). */
  documentationPages(): DocumentationPage[] {
    return [...this.pages.values()];
  }

  /** Extra Authorization Server Metadata members contributed by providers. */
  serverMetadata(): Record<string, unknown> {
    return { ...this.metadata };
  }

  /** The Scope Descriptions as `client` sees them (its Client-specific metadata). */
  forClient(client: ScopeClient): ClientScopes {
    const byId = new Map(this.byId);
    const purposes: Record<string, OfferedPurpose> = {};
    for (const provider of this.providers) {
      const offer = provider.forClient?.(this.ctx, client);
      if (!offer) continue;
      for (const sd of offer.descriptions) {
        if (this.owner.get(sd.id) !== provider) throw new Error(`${provider.name} describes ${sd.id} for a Client but not publicly`);
        byId.set(sd.id, sd);
      }
      Object.assign(purposes, offer.purposes);
    }
    return new ClientScopes(byId, purposes);
  }

  /**
   * Checks authorization_details entries: each `type` must be allowed (`allowedTypes`) and pass its
   * provider's own field rules, against `client`'s Scope Descriptions when given (e.g. its own
   * Purposes, cds-wg3-01 §7.4.4), else the public ones. Returns the first problem, or null.
   */
  checkAuthorizationDetails(entries: AuthorizationDetail[], allowedTypes: string[], client?: ScopeClient): string | null {
    const scopes: ScopeLookup = client ? this.forClient(client) : this;
    for (const entry of entries) {
      if (!allowedTypes.includes(entry.type)) return `authorization_details type ${entry.type} is not available here`;
      const sd = scopes.all().find((s) => s.authorization_details_types_supported.includes(entry.type));
      if (!sd) return `authorization_details type ${entry.type} is not supported`;
      const known = new Set(['type', ...sd.authorization_details_fields_supported.filter((f) => f.for_types.includes(entry.type)).map((f) => f.id)]);
      const unknown = Object.keys(entry).find((k) => !known.has(k));
      if (unknown) return `authorization_details field ${unknown} is not defined for ${entry.type}`;
      const moment = { now: new Date((this.ctx.clock ?? Date.now)()), timezone: this.ctx.timezone };
      const problem = this.owner.get(sd.id)?.validateAuthorizationDetail?.(sd, entry, moment);
      if (problem) return problem;
    }
    return null;
  }
}
