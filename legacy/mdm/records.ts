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
 * - ReadingType uom: 72 Wh, 119 ft³, 128 US gallon
 * - ReadingType flowDirection: 1 forward (delivered to the customer), 19 reverse (received from the customer)
 * - ReadingType commodity: 1 electricity, 7 natural gas, 9 potable water
 * - ReadingType kind: 12 energy, 58 volume
 * - ReadingQuality quality: absent = valid; 8 estimated (reference day); 14 raw
 */
export const ESPI = {
  serviceKind: { ELECTRIC: 0, GAS: 1, WATER: 2 },
  uom: { ELECTRIC: 72, GAS: 119, WATER: 128 },
  commodity: { ELECTRIC: 1, GAS: 7, WATER: 9 },
  kind: { ELECTRIC: 12, GAS: 58, WATER: 58 },
  flowDirection: { forward: 1, reverse: 19 },
  quality: { estimated: 8 },
} as const;
