import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  defaultScopeSettings, registrationFieldSchema, scopeDescriptionSchema, type ScopeSettings,
} from '../scopes';

/** CapabilityRole, CoverageType, InfrastructureType, CommodityType (cds-wg1-01 §4.4–§4.7). */
export const COVERAGE_TYPES = ['geographic', 'logical'] as const;
export const CAPABILITY_ROLES = ['authoritative', 'official', 'aggregator'] as const;
export const INFRASTRUCTURE_TYPES = [
  'distribution_utility', 'metering_provider', 'supplier', 'generator', 'market_operator',
  'distribution_service_operator', 'transmission_service_operator', 'service_provider',
] as const;
export const COMMODITY_TYPES = ['electricity', 'natural_gas', 'fuel_oil', 'water', 'wastewater', 'trash', 'distributed_energy'] as const;

const datetime = z.iso.datetime({ offset: true });

/**
 * A Coverage Entry as configured (01§4.3). `geojson` (WGS 84) is served by this Server and linked
 * as `geojson_resource`; a `map_resource` elsewhere may be given instead.
 */
export const coverageSettingSchema = z.object({
  id: z.string().regex(/^[\w.-]+$/),
  created: datetime,
  updated: datetime,
  entity_name: z.string(),
  entity_abbreviation: z.string().nullable(),
  country: z.string().regex(/^[A-Z]{2}$/),
  name: z.string(),
  description: z.string().optional(),
  type: z.enum(COVERAGE_TYPES),
  role: z.enum(CAPABILITY_ROLES),
  infrastructure_types: z.array(z.enum(INFRASTRUCTURE_TYPES)),
  commodity_types: z.array(z.enum(COMMODITY_TYPES)),
  capabilities: z.array(z.string().refine((c) => c !== 'coverage', 'an entry never lists coverage (01§4.3)')),
  map_resource: z.url().optional(),
  map_content_type: z.string().optional(),
  geojson: z.record(z.string(), z.unknown()).optional(),
}).refine((e) => !e.map_resource || e.map_content_type, 'map_content_type goes with map_resource (01§4.3)')
  .refine((e) => e.type !== 'geographic' || e.map_resource || e.geojson, 'a geographic entry needs a map or GeoJSON (01§4.3)');
export type CoverageSetting = z.infer<typeof coverageSettingSchema>;

/** Who the Server is (01§3.2); URLs default to this Server's own documentation pages. */
export const serverSettingsSchema = z.object({
  name: z.string(),
  description: z.string(),
  created: datetime,
  updated: datetime,
  website: z.url().optional(),
  documentation: z.url().optional(),
  support: z.url().optional(),
  service_documentation: z.url().optional(),
  op_policy_uri: z.url().optional(),
  op_tos_uri: z.url().optional(),
  related_metadata: z.array(z.url()).optional(),
});

const scopeSettingsSchema = z.object({
  grantAdminScopes: z.array(z.string().min(1)),
  serverProvidedFiles: z.array(z.object({
    id: z.string().min(1),
    name_suffix: z.string().optional(),
    description: z.string().optional(),
    grant_admin_scope: z.string().min(1),
  })),
  customScopes: z.array(scopeDescriptionSchema),
  registrationFields: z.array(registrationFieldSchema.extend({ request_uri: z.url().optional() })),
  reviewClientPurposes: z.boolean().optional(),
});

/** Everything about the cds-wg1 surface a deployment chooses. */
export const wg1SettingsSchema = z.object({
  server: serverSettingsSchema,
  coverage: z.array(coverageSettingSchema),
  scopes: scopeSettingsSchema,
  /** Attachments a Client may send with one Message, decoded bytes (§6.9: at least 10 MB). */
  attachmentLimitBytes: z.number().int().min(10 * 1024 * 1024),
});
export type Wg1Settings = z.infer<typeof wg1SettingsSchema> & { scopes: ScopeSettings };

/** A rough outline of the demo territory (WGS 84, as 01§4.3 requires for GeoJSON). */
const demoTerritory = {
  type: 'Feature',
  properties: { name: 'Example Gas & Electric service territory' },
  geometry: {
    type: 'Polygon',
    coordinates: [[[-122.6, 37.2], [-121.6, 37.2], [-121.6, 38.1], [-122.6, 38.1], [-122.6, 37.2]]],
  },
};

export const DEMO_COVERAGE_IDS = { electricity: 'ege_electric', naturalGas: 'ege_gas' } as const;

/** The synthetic demo utility (legacy/generator): Example Gas & Electric, electricity and gas. */
export const defaultWg1Settings: Wg1Settings = {
  server: {
    name: 'Example Gas & Electric',
    description: 'A synthetic electric and gas utility in Northern California, served through CDS Gateway.',
    created: '2024-01-01T00:00:00Z',
    updated: '2024-01-01T00:00:00Z',
  },
  coverage: [
    {
      id: DEMO_COVERAGE_IDS.electricity,
      created: '2024-01-01T00:00:00Z',
      updated: '2024-01-01T00:00:00Z',
      entity_name: 'Example Gas & Electric',
      entity_abbreviation: 'EG&E',
      country: 'US',
      name: 'Electric service territory',
      description: 'Electric distribution and supply across the service territory.',
      type: 'geographic',
      role: 'authoritative',
      infrastructure_types: ['distribution_utility', 'metering_provider', 'supplier'],
      commodity_types: ['electricity'],
      capabilities: ['oauth'],
      geojson: demoTerritory,
    },
    {
      id: DEMO_COVERAGE_IDS.naturalGas,
      created: '2024-01-01T00:00:00Z',
      updated: '2024-01-02T00:00:00Z',
      entity_name: 'Example Gas & Electric',
      entity_abbreviation: 'EG&E',
      country: 'US',
      name: 'Natural gas service territory',
      type: 'geographic',
      role: 'authoritative',
      infrastructure_types: ['distribution_utility', 'metering_provider', 'supplier'],
      commodity_types: ['natural_gas'],
      capabilities: ['oauth'],
      geojson: demoTerritory,
    },
  ],
  scopes: defaultScopeSettings,
  attachmentLimitBytes: 10 * 1024 * 1024,
};

/**
 * The deployment's settings: the demo defaults, or a JSON file (CDS_SETTINGS_FILE) whose top-level
 * members replace the defaults'. A bad file stops the start-up with the reason.
 */
export function loadWg1Settings(file: string | undefined): Wg1Settings {
  if (!file) return defaultWg1Settings;
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const parsed = wg1SettingsSchema.partial().safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return { ...defaultWg1Settings, ...parsed.data } as Wg1Settings;
}
