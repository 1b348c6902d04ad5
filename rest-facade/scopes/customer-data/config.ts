import { PROGRAMS } from '../../../legacy/generator/catalog';
import type { SelectionType } from '../../authorization-details/fields';
import type { PurposeMap } from '../../purposes';
import { DEMO_VALUE_FORMATS, type ValueFormatOffer, type ValueTypeDescription } from './valueFormats';

/**
 * Which Customer Data scopes this Server offers and with what limits: configuration, with the demo
 * utility's values as defaults. Everything a utility would tune lives here; the §6 rules live in
 * scopeTypes.ts and cannot be configured away (the Scope Description rules check enforces them).
 */

/** A Choice's wording; `documentation` defaults to the Server's choices page. */
export interface CatalogueEntry {
  id: string;
  name: string;
  description: string;
  documentation?: string;
}

export interface DurationBounds {
  default: string;
  minimum: string;
  maximum: string;
}

/** One offered scope (one Scope Description). */
export interface ScopeOffer {
  /** Scope Description `id`, used in `scope` strings. */
  id: string;
  /** §6 type. */
  type: string;
  /** The RAR `type` of its authorization details; defaults to `id`. */
  rar_type?: string;
  name?: string;
  description?: string;
  /** `authorization_form_selection_type` choices (consent scopes); defaults to MUST ∪ MAY. */
  selections?: SelectionType[];
  default_selection?: SelectionType;
  /** Field defaults that differ from the Server-wide ones. */
  defaults?: Record<string, unknown>;
  /** Duration limits that differ from the Server-wide ones (e.g. a longer look-back). */
  durations?: Record<string, Partial<DurationBounds>>;
  /** Conditional or extra fields this Server cannot support for this scope (no data behind them). */
  omit?: string[];
  registration_requirements?: string[];
  registration_optional?: string[];
  coverages_supported?: string[];
  /**
   * Direct scopes: preselection fields every token request must populate (§4.11/§4.12: whole-building
   * and aggregated usage need `aggregation_numbers`).
   */
  required_preselections?: string[];
  /** Direct scopes with `error_if_no_preselections`: the most preselection values one request may carry (§7.4.3). */
  max_preselection_values?: number;
}

export interface EacFormatDescription {
  id: string;
  name: string;
  description: string;
  documentation: string;
}

export interface CustomerDataConfig {
  /** PUBLIC_URL: the Customer Data API URLs live under it. */
  publicUrl: string;
  /** Base URL of the developer documentation (scopes, fields, choices, value formats). */
  documentation: string;
  /** Scope Description `grant_admin_scope` of every Customer Data scope (cds-wg1-02 §3.3.2), or null. */
  grantAdminScope: string | null;
  tokenEndpointAuthMethods: string[];
  scopes: ScopeOffer[];
  /** Most combined characters in a string list field (cds-wg1-02 §3.8 `maximum`). */
  listMaxLength: number;
  durations: Record<string, DurationBounds>;
  /** Server-wide include defaults; fields the scope treats as true are always `true`. */
  includeDefaults: Record<string, boolean>;
  choices: {
    service_types: CatalogueEntry[];
    servicepoint_types: CatalogueEntry[];
    meter_types: CatalogueEntry[];
    account_programs: CatalogueEntry[];
    service_programs: CatalogueEntry[];
    meter_apps: CatalogueEntry[];
    selections: Record<SelectionType, Omit<CatalogueEntry, 'id'>>;
  };
  valueFormats: readonly ValueFormatOffer[];
  additionalValueTypes: ValueTypeDescription[];
  eacFormats: EacFormatDescription[];
  /** Server-default Purposes, given to every Client registering for their scopes (§7.4.4). */
  defaultPurposes: PurposeMap;
  /**
   * Purposes Clients write themselves (§5.1, §8): whether consent scopes ask for them at registration
   * (the `cds_purposes` Registration Field, required or optional), and whether additions and changes
   * on the Clients API wait for the Server's review (§8.2, cds-wg1-02 §5.5).
   */
  clientPurposes: { registration: 'required' | 'optional' | 'none'; review: boolean };
}

const entry = (id: string, name: string, description: string): CatalogueEntry => ({ id, name, description });

/** The types the demo utility's systems produce (cds-wg3-01 §10.2.4, §10.3.2, §10.4.2). */
const DEMO_CHOICES: Omit<CustomerDataConfig['choices'], 'selections'> = {
  service_types: [
    entry('electric', 'Electric service', 'Electricity delivered by the utility.'),
    entry('natural_gas', 'Natural gas service', 'Natural gas delivered by the utility.'),
    entry('water', 'Water service', 'Water delivered by the utility.'),
    entry('residential', 'Residential', 'A service to a home.'),
    entry('commercial', 'Commercial', 'A service to a business.'),
    entry('industrial', 'Industrial', 'A service to an industrial site.'),
    entry('agriculture', 'Agriculture', 'A service to a farm.'),
    entry('metered', 'Metered', 'A service measured by meters.'),
    entry('unmetered', 'Unmetered', 'A service billed without meters (e.g. street lighting).'),
    entry('distribution', 'Distribution', 'The utility delivers the commodity.'),
    entry('supply', 'Supply', 'The contracted entity supplies the commodity.'),
    entry('generation', 'Generation', 'The contracted entity generates the commodity.'),
  ],
  servicepoint_types: [
    entry('electric', 'Electric', 'Provides electric service.'),
    entry('natural_gas', 'Natural gas', 'Provides natural gas service.'),
    entry('water', 'Water', 'Provides water service.'),
    entry('single_service', 'Single service', 'Provides one service.'),
    entry('multi_service', 'Multiple services', 'Provides several services.'),
    entry('physical', 'Physical', 'A physical location.'),
    entry('virtual', 'Virtual', 'A record-keeping service point without a location.'),
    entry('edge', 'Grid edge', 'The boundary between the grid and the customer.'),
    entry('internal', 'Grid internal', 'A node inside the grid.'),
  ],
  meter_types: [
    entry('electric_usage', 'Electric usage', 'Measures electricity usage.'),
    entry('water_usage', 'Water usage', 'Measures water usage.'),
    entry('natural_gas_usage', 'Natural gas usage', 'Measures natural gas usage.'),
    entry('forward_only', 'Forward only', 'Measures delivered usage only.'),
    entry('bidirectional', 'Bidirectional', 'Measures delivered and received usage (e.g. solar).'),
    entry('physical_meter', 'Physical meter', 'A physical device.'),
    entry('virtual_meter', 'Virtual meter', 'A virtual meter.'),
    entry('electric_demand', 'Electric demand', 'Measures demand.'),
    entry('ami_meter', 'Smart meter (AMI)', 'Connected to the advanced metering network.'),
    entry('amr_meter', 'AMR meter', 'Read by drive-by radio.'),
    entry('analog_meter', 'Analog meter', 'Read by hand.'),
    entry('wifi_capable', 'Wi-Fi capable', 'Can connect to Wi-Fi.'),
    entry('wifi_enabled', 'Wi-Fi enabled', 'Wi-Fi is enabled.'),
    entry('wifi_configured', 'Wi-Fi configured', 'Configured for a Wi-Fi network.'),
    entry('zigbee_capable', 'Zigbee capable', 'Can connect to Zigbee.'),
    entry('zigbee_enabled', 'Zigbee enabled', 'Zigbee is enabled.'),
    entry('zigbee_configured', 'Zigbee configured', 'Configured for a Zigbee network.'),
    entry('central_apps_capable', 'Utility apps capable', 'Runs apps chosen by the utility.'),
    entry('customer_apps_capable', 'Customer apps capable', 'Runs apps chosen by the customer.'),
  ],
  // The demo utility's program and meter app catalogues (legacy/generator): program_number = PROG_CD.
  account_programs: PROGRAMS.filter((p) => p.PROG_LEVEL_CD === 'ACCT').map((p) => entry(p.PROG_CD, p.PROG_NAME, p.PROG_DESCR)),
  service_programs: PROGRAMS.filter((p) => p.PROG_LEVEL_CD === 'SA').map((p) => entry(p.PROG_CD, p.PROG_NAME, p.PROG_DESCR)),
  meter_apps: [
    entry('MA-1001', 'Home energy disaggregation', 'Breaks usage down by appliance at the meter.'),
    entry('MA-1002', 'EV charging detection', 'Detects electric vehicle charging at the meter.'),
    entry('MA-2001', 'Solar production monitor', 'Monitors behind-the-meter solar production.'),
    entry('MA-2002', 'Smart thermostat link', 'Connects a smart thermostat to the meter.'),
  ],
};

const SELECTIONS: CustomerDataConfig['choices']['selections'] = {
  account_selection: { name: 'Accounts', description: 'The customer picks from their list of accounts.' },
  service_contract_selection: { name: 'Services', description: 'The customer picks from their list of services.' },
  servicepoint_selection: { name: 'Service locations', description: 'The customer picks from their list of service points.' },
  meter_device_selection: { name: 'Meters', description: 'The customer picks from their list of meters.' },
  aggregation_selection: { name: 'Aggregations', description: 'The customer reviews the aggregations they are asked to join.' },
};

/** Look-backs are "infinite" (all history) so every scenario's minimum look-back (§4) is met. */
const DURATIONS: Record<string, DurationBounds> = {
  sync_until: { default: 'infinite', minimum: 'PT0S', maximum: 'infinite' },
  statement_date_start: { default: 'P2Y', minimum: 'P0D', maximum: 'infinite' },
  statement_date_end: { default: 'infinite', minimum: 'P0D', maximum: 'infinite' },
  start_date: { default: 'P2Y', minimum: 'P0D', maximum: 'infinite' },
  end_date: { default: 'infinite', minimum: 'P0D', maximum: 'infinite' },
  segment_start: { default: 'P13M', minimum: 'PT0S', maximum: 'infinite' },
  segment_end: { default: 'infinite', minimum: 'PT0S', maximum: 'infinite' },
  expires: { default: 'P1Y', minimum: 'PT0S', maximum: 'infinite' },
};

/** Identifiers are shared by default; everything personal (§12.3) only when asked for. */
const INCLUDE_DEFAULTS: Record<string, boolean> = {
  include_account_numbers: true,
  include_contract_numbers: true,
  include_meter_numbers: true,
};

const offer = (type: string, extra: Partial<ScopeOffer> = {}): ScopeOffer => ({ id: type, type, ...extra });

export function demoCustomerDataConfig(options: { publicUrl: string; grantAdminScope?: string | null }): CustomerDataConfig {
  const publicUrl = options.publicUrl.replace(/\/$/, '');
  const documentation = `${publicUrl}/docs/customer-data`;
  return {
    publicUrl,
    documentation,
    grantAdminScope: options.grantAdminScope ?? null,
    tokenEndpointAuthMethods: ['client_secret_basic'],
    scopes: [
      offer('cds_rate_plan'),
      offer('cds_account_programs'),
      offer('cds_service_programs'),
      offer('cds_accounts'),
      offer('cds_service_contracts'),
      offer('cds_meters'),
      offer('cds_bill_statements'),
      offer('cds_service_bills'),
      offer('cds_usage', { default_selection: 'service_contract_selection', durations: { segment_start: { default: 'P13M' } } }),
      offer('cds_aggregation_consent'),
      offer('cds_query_accounts'),
      offer('cds_query_service_contracts'),
      offer('cds_query_service_points'),
      offer('cds_query_meter_devices'),
      offer('cds_query_bill_statements'),
      offer('cds_query_bill_sections'),
      offer('cds_query_aggregations'),
      offer('cds_query_usage'),
      // §4.11/§4.12: whole-building and aggregated usage, only by aggregation number.
      offer('cds_query_usage', {
        id: 'cds_query_aggregated_usage', name: 'Aggregated usage query',
        description: 'Query the usage of the aggregations (buildings, regions) this client may see.',
        required_preselections: ['aggregation_numbers'], omit: ['meter_numbers'],
      }),
    ],
    listMaxLength: 10_000,
    durations: DURATIONS,
    includeDefaults: INCLUDE_DEFAULTS,
    choices: { ...DEMO_CHOICES, selections: SELECTIONS },
    valueFormats: DEMO_VALUE_FORMATS,
    additionalValueTypes: [],
    eacFormats: [{
      // The demo certificate registry's format code (legacy/generator/eacs.ts).
      id: 'ege-rec-v1', name: 'EG&E renewable energy certificate',
      description: 'The certificate document of the demo utility\'s certificate registry.',
      documentation: `${documentation}/eac-formats#ege-rec-v1`,
    }],
    defaultPurposes: {
      'default-01': {
        id: 'default-01', name: 'Default purpose',
        content: 'The requester may use the shared data for the services it offers you.',
        related_uri: null, related_name: null,
        scopes_supported: ['cds_rate_plan', 'cds_account_programs', 'cds_service_programs', 'cds_accounts', 'cds_service_contracts',
          'cds_meters', 'cds_bill_statements', 'cds_service_bills', 'cds_usage', 'cds_aggregation_consent'],
      },
    },
    clientPurposes: { registration: 'optional', review: false },
  };
}
