import { z } from 'zod';
import type { MdmChannel, MdmMeter } from '../../../legacy/mdm/records';
import { cachedFor, keyChunks, listingQuery, resuming, type LegacyClient, type LegacyListing, type LegacyPageResult, type LegacyPosition } from '../../shared';

const radio = z.enum(['NONE', 'CAPABLE', 'ENABLED', 'CONFIGURED']);

export const mdmMeter = z.object({
  meterId: z.string(),
  serialNumber: z.string(),
  commodity: z.enum(['ELECTRIC', 'GAS', 'WATER']),
  technology: z.enum(['AMI', 'AMR', 'ANALOG']),
  physical: z.boolean(),
  flow: z.enum(['FORWARD', 'BIDIRECTIONAL']),
  measures: z.array(z.enum(['ENERGY', 'DEMAND', 'VOLUME'])),
  wifi: radio,
  zigbee: radio,
  centralApps: z.boolean(),
  customerApps: z.boolean(),
  apps: z.array(z.object({
    appId: z.string(),
    appCode: z.string(),
    appName: z.string(),
    state: z.enum(['INSTALLED', 'REMOVED', 'AVAILABLE', 'BLOCKED']),
    installableBy: z.array(z.enum(['CUSTOMER', 'CENTRAL'])),
    installedAt: z.string().nullable(),
    removedAt: z.string().nullable(),
  })),
  installs: z.array(z.object({
    installId: z.string(),
    servicePointId: z.string(),
    installedAt: z.string(),
    removedAt: z.string().nullable(),
    reason: z.enum(['NEW_SERVICE', 'SWAP', 'SOLAR_UPGRADE', 'GREENBUTTON_IMPORT']),
  })),
  usagePointId: z.string(),
  intervalSeconds: z.number(),
  source: z.enum(['SYNTHETIC', 'GREENBUTTON']),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<MdmMeter>;

const page = z.object({ items: z.array(mdmMeter), nextCursor: z.string().nullable(), prevCursor: z.string().nullable() });
const touBuckets = z.object({
  items: z.array(z.object({ code: z.number().int(), period: z.enum(['SPK', 'PK', 'PPK', 'OPK', 'SOP']), season: z.enum(['SUM', 'WIN']).nullable() })),
});
const decimalText = z.string().regex(/^\d+(\.\d+)?$/);
const supplyMix = z.object({
  items: z.array(z.object({
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    sources: z.array(z.object({
      source: z.enum(['SOLAR', 'WIND', 'HYDRO', 'GEOTHERMAL', 'NUCLEAR', 'NATURAL_GAS']), share: decimalText, carbonIntensity: decimalText,
    })),
  })),
});
export type MdmTouBuckets = z.infer<typeof touBuckets>['items'];
export type MdmSupplyMix = z.infer<typeof supplyMix>['items'];
/** The TOU bucket catalogue changes with the rates: read at most once a minute. */
const CATALOGUE_TTL_MS = 60_000;
const lookup = z.object({ items: z.array(mdmMeter) });

/** The MDM serves at most this many usage points per feed. */
export const MDM_MAX_FEED_POINTS = 100;
/** Usage-point-days one ESPI request may cover. */
export const MAX_POINT_DAYS = 4000;

/** The MDM's two faces (legacy/README.md, "MDM"): the JSON device registry and ESPI Atom feeds. */
export class MdmClient {
  /** The MDM's TOU buckets (the codes of IntervalReading `tou`), shared by the process's requests. */
  readonly touBuckets: () => Promise<MdmTouBuckets>;

  constructor(readonly http: LegacyClient) {
    this.touBuckets = cachedFor(CATALOGUE_TTL_MS, async () => (await this.http.getJson('/mdm/v1/tou-buckets', {}, touBuckets)).body.items);
  }

  /** The grid's hourly supply mix for the hours starting in [from, to). */
  async supplyMix(from: Date, to: Date): Promise<MdmSupplyMix> {
    return (await this.http.getJson('/mdm/v1/supply-mix', { from: from.toISOString(), to: to.toISOString() }, supplyMix)).body.items;
  }

  async listMeters(listing: LegacyListing, at: LegacyPosition): Promise<LegacyPageResult<MdmMeter> & { receivedAt: Date }> {
    const { body, receivedAt } = await resuming(at, () => this.http.getJson('/mdm/v1/meters', listingQuery(listing, at), page));
    return { nodes: body.items, next: body.nextCursor, previous: body.prevCursor, receivedAt };
  }

  async lookupMeters(by: 'meterId' | 'serialNumber' | 'servicePointId', keys: readonly string[]): Promise<{ rows: MdmMeter[]; receivedAt: Date }> {
    if (keys.length === 0) return { rows: [], receivedAt: new Date() };
    const done = await Promise.all(keyChunks(keys).map((chunk) => this.http.postJson('/mdm/v1/meters/lookup', { by, keys: chunk }, lookup)));
    return { rows: done.flatMap((a) => a.body.items), receivedAt: done[0].receivedAt };
  }

  /** One ESPI feed with the usage points' readings whose start lies in [from, to), of the MeterReadings asked for (default: delivered and received). */
  async feed(usagePointIds: readonly string[], from: Date, to: Date, channels: readonly MdmChannel[] = []): Promise<{ xml: string; receivedAt: Date }> {
    const { body, receivedAt } = await this.http.getText('/espi/1_1/resource/Batch/UsagePoints', {
      ids: usagePointIds.join(','),
      'published-min': from.toISOString(),
      'published-max': to.toISOString(),
      ...(channels.length ? { channels: channels.join(',') } : {}),
    }, 'application/atom+xml');
    return { xml: body, receivedAt };
  }
}
