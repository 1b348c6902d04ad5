import type { Rng } from './random';

/**
 * Towns, ZIP codes, streets and people's names of the synthetic service territory (fictional,
 * around a bay). Coordinates are kept as integer micro-degrees and printed as decimal strings, so
 * they never pass through a float.
 */

export interface Zip {
  postal: string;
  city: string;
  county: string;
  /** Centre in micro-degrees. */
  lat: number;
  lon: number;
  /** Water is supplied by the municipal district here; the CCA operates here. */
  water: boolean;
  cca: boolean;
}

const TOWNS: [city: string, county: string][] = [
  ['Millbrook', 'Harbor'], ['Bayview', 'Harbor'], ['Cedar Flats', 'Harbor'], ['Port Alder', 'Harbor'],
  ['Oak Hollow', 'Redwood'], ['Sunnyvale Heights', 'Redwood'], ['Marin Point', 'Redwood'], ['Laurel Creek', 'Redwood'],
  ['Granite Bay', 'Sierra'], ['Riverbend', 'Sierra'], ['Willow Grove', 'Sierra'], ['Fairhaven', 'Sierra'],
];

export function makeZips(rng: Rng, count: number): Zip[] {
  const zips: Zip[] = [];
  for (let i = 0; i < count; i++) {
    const [city, county] = TOWNS[i % TOWNS.length];
    const townIndex = i % TOWNS.length;
    zips.push({
      postal: String(94100 + i * 7 + (i % 3)).padStart(5, '0'),
      city, county,
      lat: 37_200_000 + rng.int(0, 1_000_000),
      lon: -122_600_000 + rng.int(0, 1_000_000),
      water: townIndex % 3 === 0,
      cca: townIndex % 4 === 1,
    });
  }
  return zips;
}

export function microDegrees(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`;
}

const STREETS = [
  'Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Walnut', 'Willow', 'Laurel', 'Madrone', 'Redwood', 'Cypress', 'Alder',
  'Main', 'Church', 'Mill', 'Market', 'Harbor', 'Bay', 'Shoreline', 'Hillside', 'Vista', 'Sunset', 'Mission', 'Franklin',
  'Lincoln', 'Jefferson', 'Grant', 'Washington', 'Adams', 'Monroe', 'Jackson', 'El Camino', 'Rose', 'Poppy', 'Juniper',
];
const STREET_TYPES = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Ln', 'Ct', 'Way', 'Pl', 'Ter'];
const FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Maria', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Arjun',
  'Priya', 'Ahmed', 'Fatima', 'Olga', 'Ivan', 'Kwame', 'Amara', 'Luis', 'Sofia', 'Mateo', 'Camila', 'Noah', 'Emma', 'Liam',
  'Olivia', 'Diego', 'Valentina', 'Minh', 'Linh', 'Samuel', 'Grace', 'Daniel', 'Chloe', "D'Andre", 'Siobhan', 'José', 'Zoë',
];
const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Nguyen', 'Chen',
  'Wang', 'Kim', 'Patel', 'Singh', 'Tanaka', 'Sato', 'Okafor', 'Mensah', 'Ivanova', 'Kowalski', "O'Brien", 'MacLeod',
  'Schmidt', 'Rossi', 'Dubois', 'Silva', 'Santos', 'Haddad', 'Cohen', 'Friedman', 'Yamamoto', 'Tran', 'Pham', 'Le',
];
const BUSINESS_A = ['Bayview', 'Golden', 'Harbor', 'Redwood', 'Summit', 'Pacific', 'Coastal', 'Valley', 'Sierra', 'Evergreen', 'Northstar', 'Oakridge'];
const BUSINESS_B = ['Bakery', 'Dental Group', 'Auto Repair', 'Hardware', 'Coffee Roasters', 'Fitness', 'Veterinary Clinic', 'Cleaners', 'Books', 'Brewing Co', 'Printing', 'Market', 'Pharmacy', 'Tacos', 'Florist', 'Pizza'];
const CHAINS = ['QuickMart Stores Inc', 'Bay Fresh Grocers LLC', 'Sunrise Fitness Clubs', 'Harbor Pharmacy Group'];
const FARMS = ['Green Acres Farm', 'Riverbend Orchards', 'Laurel Creek Vineyards', 'Sierra Dairy Co-op'];
const NONSTANDARD = [
  (r: Rng) => `Rural Route ${r.int(1, 9)} Box ${r.int(10, 499)}`,
  (r: Rng) => `Lot ${r.int(1, 120)} Shady Pines Mobile Home Park`,
  (r: Rng) => `Pier ${r.int(1, 45)} Berth ${r.int(1, 30)}`,
  (r: Rng) => `NE corner of Hwy ${r.int(1, 99)} and ${r.pick(STREETS)} ${r.pick(STREET_TYPES)}`,
  (r: Rng) => `Mile Marker ${r.int(1, 80)} Old Coast Hwy`,
];

export interface StreetAddress {
  line1: string;
  format: 'STD' | 'NONSTD';
}

export function streetAddress(rng: Rng, allowNonstandard: boolean): StreetAddress {
  if (allowNonstandard && rng.chance(0.04)) return { line1: rng.pick(NONSTANDARD)(rng), format: 'NONSTD' };
  return { line1: `${rng.int(100, 9899)} ${rng.pick(STREETS)} ${rng.pick(STREET_TYPES)}`, format: 'STD' };
}

export function unitLine(rng: Rng, unit: number, commercial: boolean): string {
  if (commercial) return `Ste ${unit * 100 + rng.int(0, 9)}`;
  const style = rng.int(0, 2);
  if (style === 0) return `Apt ${Math.ceil(unit / 4)}${'ABCD'[(unit - 1) % 4]}`;
  if (style === 1) return `Unit ${unit}`;
  return `#${100 * Math.ceil(unit / 8) + unit}`;
}

export function personName(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST), last: rng.pick(LAST) };
}

export function businessName(rng: Rng): string {
  return `${rng.pick(BUSINESS_A)} ${rng.pick(BUSINESS_B)}`;
}

export const chainName = (i: number) => CHAINS[i % CHAINS.length] + (i >= CHAINS.length ? ` ${Math.floor(i / CHAINS.length) + 1}` : '');
export const farmName = (rng: Rng) => rng.pick(FARMS);

const AREA_CODES = ['415', '510', '650', '408', '925', '707'];

export function phone(rng: Rng): string {
  return `+1${rng.pick(AREA_CODES)}${rng.int(2, 9)}${String(rng.int(0, 999999)).padStart(6, '0')}`;
}

export function email(first: string, last: string, n: number): string {
  const clean = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  return `${clean(first)}.${clean(last)}${n}@mail.example`;
}
