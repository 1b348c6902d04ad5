/**
 * Native record types of the MDM (meter data management) simulator.
 *
 * Two faces: a JSON device registry (meters, their installs at CIS service points, meter apps)
 * with camelCase fields and ISO-8601 UTC timestamps, and interval data as Green Button ESPI Atom
 * XML (see legacy/README.md for the feed layout).
 */

export type MdmCommodity = 'ELECTRIC' | 'GAS' | 'WATER';
export type MdmTechnology = 'AMI' | 'AMR' | 'ANALOG';
/** FORWARD delivered only; BIDIRECTIONAL delivered and received (solar) on separate channels. */
export type MdmFlow = 'FORWARD' | 'BIDIRECTIONAL';
/** Radio capability ladder: NONE < CAPABLE < ENABLED < CONFIGURED. */
export type MdmRadio = 'NONE' | 'CAPABLE' | 'ENABLED' | 'CONFIGURED';

export interface MdmMeterApp {
  appId: string;
  /** Stable app number (vendor catalogue id). */
  appCode: string;
  appName: string;
  /** INSTALLED running now; REMOVED was installed before; AVAILABLE compatible, never installed; BLOCKED incompatible. */
  state: 'INSTALLED' | 'REMOVED' | 'AVAILABLE' | 'BLOCKED';
  /** Who may install it. */
  installableBy: ('CUSTOMER' | 'CENTRAL')[];
  /** Most recent install / removal; null if never. */
  installedAt: string | null;
  removedAt: string | null;
}

export interface MdmInstall {
  installId: string;
  /** CIS SP_ID of the service point. */
  servicePointId: string;
  /** Local midnight of the first day of service, as UTC instant. */
  installedAt: string;
  /** Local midnight after the last day of service; null while installed. */
  removedAt: string | null;
  reason: 'NEW_SERVICE' | 'SWAP' | 'SOLAR_UPGRADE' | 'GREENBUTTON_IMPORT';
}

export interface MdmMeter {
  meterId: string;
  /** Serial number painted on the meter (what the customer can read). */
  serialNumber: string;
  commodity: MdmCommodity;
  technology: MdmTechnology;
  /** false for virtual meters (e.g. a utility-scale generation aggregate). */
  physical: boolean;
  flow: MdmFlow;
  /** Quantities the meter measures: ENERGY (Wh), DEMAND (W), VOLUME (ft³ / gal). */
  measures: ('ENERGY' | 'DEMAND' | 'VOLUME')[];
  wifi: MdmRadio;
  zigbee: MdmRadio;
  /** Meter apps can be run centrally / by the customer on this meter. */
  centralApps: boolean;
  customerApps: boolean;
  apps: MdmMeterApp[];
  /** Install history, oldest first; at most one open install. */
  installs: MdmInstall[];
  /** ESPI UsagePoint id serving this meter's readings. */
  usagePointId: string;
  /** Seconds per interval reading: 900 electric, 3600 water, 86400 gas (local days; 23/25 h on DST days). */
  intervalSeconds: number;
  /** SYNTHETIC generated; GREENBUTTON a real ESPI file from GREENBUTTON_DIR. */
  source: 'SYNTHETIC' | 'GREENBUTTON';
  createdAt: string;
  updatedAt: string;
}

/** Error body of every MDM error response (JSON and ESPI endpoints alike). */
export interface MdmError {
  fault: { code: string; message: string };
}

export interface MdmPage<T> {
  items: T[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface MdmLookup<T> {
  items: T[];
}

/**
 * ESPI codes used in the feeds (NAESB REQ.21):
 * - ServiceCategory kind: 0 electricity, 1 gas, 2 water
 * - ReadingType uom: 72 Wh, 38 W, 119 ft³, 128 US gallon
 * - ReadingType flowDirection: 1 forward (delivered to the customer), 4 net (delivered − received), 19 reverse (received from the customer)
 * - ReadingType commodity: 1 electricity, 7 natural gas, 9 potable water
 * - ReadingType kind: 8 demand, 12 energy, 58 volume
 * - ReadingType accumulationBehaviour: 1 bulk quantity (a register), 4 delta data (interval usage), 6 indicating (e.g. a maximum)
 * - ReadingType dataQualifier: 8 maximum, 12 normal; timeAttribute: 0 none, 8 billing period; measuringPeriod 2 fifteen minutes
 * - ReadingType currency: 840 USD (IntervalReading `cost` is in hundred-thousandths of it)
 * - ReadingType consumptionTier: the tier (1-based) of billed usage; IntervalReading `tou`: the MDM's TOU bucket (0 none)
 * - QualityOfReading (ReadingType defaultQuality, ReadingQuality quality): 0 valid, 7 manually edited,
 *   8 estimated (reference day), 11 derived, 14 raw, 19 revenue quality
 */
export const ESPI = {
  serviceKind: { ELECTRIC: 0, GAS: 1, WATER: 2 },
  uom: { ELECTRIC: 72, GAS: 119, WATER: 128 },
  demandUom: 38,
  commodity: { ELECTRIC: 1, GAS: 7, WATER: 9 },
  kind: { ELECTRIC: 12, GAS: 58, WATER: 58 },
  demandKind: 8,
  flowDirection: { forward: 1, net: 4, reverse: 19 },
  accumulation: { bulkQuantity: 1, deltaData: 4, indicating: 6 },
  dataQualifier: { maximum: 8, normal: 12 },
  timeAttribute: { none: 0, billingPeriod: 8 },
  measuringPeriod: { fifteenMinute: 2 },
  currency: { USD: 840 },
  quality: { valid: 0, manuallyEdited: 7, estimated: 8, derived: 11, revenue: 19 },
} as const;

/**
 * The MeterReadings a synthetic usage point can serve (ESPI feed parameter `channels`), with their
 * ids: delivered `01`, received `02` (bidirectional), net `03` (bidirectional), register `04`
 * (electric: the delivered-energy register at each interval start), demand `05` (meters measuring
 * demand: the day's highest 15-minute demand), billed `06` (electric: the billed usage per bill
 * section) and its tiers `1n`. Feeds serve delivered and received unless asked for more.
 */
export type MdmChannel = 'delivered' | 'received' | 'net' | 'register' | 'demand' | 'billed';
export const MDM_CHANNELS: readonly MdmChannel[] = ['delivered', 'received', 'net', 'register', 'demand', 'billed'];

/** `GET /mdm/v1/tou-buckets`: the TOU buckets IntervalReading `tou` codes name (0 = no TOU period). */
export interface MdmTouBucket {
  code: number;
  /** CIS TOU period code: SPK, PK, PPK, OPK, SOP. */
  period: 'SPK' | 'PK' | 'PPK' | 'OPK' | 'SOP';
  /** SUM or WIN when the rates price it by season; null when it applies all year. */
  season: 'SUM' | 'WIN' | null;
}

/** `GET /mdm/v1/supply-mix`: one hour of the grid's supply mix. */
export interface MdmSupplyMixHour {
  /** UTC instants, [start, end). */
  start: string;
  end: string;
  sources: {
    source: 'SOLAR' | 'WIND' | 'HYDRO' | 'GEOTHERMAL' | 'NUCLEAR' | 'NATURAL_GAS';
    /** Decimal ratio (four decimals); the hour's shares add up to exactly 1. */
    share: string;
    /** gCO2e/kWh. */
    carbonIntensity: string;
  }[];
}
