import { agreement, serve } from './agreements';
import { addDays, dateOf } from './calendar';
import { newLoad, newMeter } from './meters';
import type { PopulationBuilder } from './population';
import { ENTITY } from './catalog';

/**
 * The deliberately built part of every utility: the sandbox test customers (each covering an
 * interesting case), the showcase multi-tenant building, and the utility's own special accounts
 * (a utility-scale solar plant, municipal street lighting, an internal and a test account).
 */

/** The archetypes need about 25 accounts; below this a utility cannot hold them all. */
export const MIN_ACCOUNTS = 40;

export function buildArchetypes(b: PopulationBuilder): void {
  const u = b.u;
  const role = (key: string, description: string, custId: string) => u.testCustomers.push({ key, description, CUST_ID: custId });
  const zips = b.zips;
  const waterZip = zips.find((z) => z.water) ?? zips[0];
  const ccaZip = zips.find((z) => z.cca) ?? zips[0];

  // Multi-account: a home (electric on time-of-use + gas) and a rental house (tiered electric).
  {
    const home = b.site({ cls: 'RES', services: ['E', 'G'], zip: zips[0], technology: 'AMI', swap: false });
    const rental = b.site({ cls: 'RES', services: ['E'], zip: zips[1 % zips.length], technology: 'AMI', swap: false });
    const p = b.person('RES', '2012-03-01');
    const a1 = b.account({ ...p, cls: 'RES', open: '2012-03-15', mailTo: b.address(home), programs: [], behaviour: 'FULL' });
    serve(b, a1, home, '2012-03-15', null, { rate: 'E-TOU-C' });
    const a2 = b.account({ ...p, cls: 'RES', open: '2018-07-01', mailTo: b.address(home), programs: [], behaviour: 'FULL' });
    serve(b, a2, rental, '2018-07-01', null, { rate: 'E-1' });
    role('multi', 'Two residential accounts (home with electric and gas, a rental house with electric)', p.customer.CUST_ID);
  }

  // Rooftop solar installed during history: meter swap to a bidirectional meter, rate change to net metering.
  {
    const site = b.site({ cls: 'RES', services: ['E', 'G'], zip: zips[0], solar: 'history' });
    const p = b.person('RES', '2010-05-01');
    const open = '2010-05-20';
    const a = b.account({ ...p, cls: 'RES', open, mailTo: b.address(site), behaviour: 'FULL', programs: b.accountPrograms('RES', open, { solar: true, care: false }) });
    serve(b, a, site, open, null, { previousRate: 'E-TOU-C', programs: ['SMARTDAYS'] });
    role('solar', 'Net-metered rooftop solar (bidirectional meter installed during history, credit bank, certificates)', p.customer.CUST_ID);
  }

  // Electric, gas and water, low-income discount.
  {
    const site = b.site({ cls: 'RES', services: ['E', 'G', 'W'], zip: waterZip, technology: 'AMI', swap: false });
    const p = b.person('RES', '2015-09-01');
    const open = '2015-09-10';
    const a = b.account({ ...p, cls: 'RES', open, mailTo: b.address(site), behaviour: 'PARTIAL', programs: b.accountPrograms('RES', open, { solar: false, care: true }) });
    serve(b, a, site, open, null, { rate: 'E-1' });
    role('gas_electric_water', 'Electric, gas and water at one home, enrolled in the low-income discount', p.customer.CUST_ID);
  }

  // Moved out during history: closed account at the old home (now someone else's), new account at the new home.
  {
    const oldHome = b.site({ cls: 'RES', services: ['E', 'G'], zip: zips[0], technology: 'AMI', swap: false });
    const newHome = b.site({ cls: 'RES', services: ['E'], zip: zips[2 % zips.length], technology: 'AMI', swap: false });
    const moveDay = b.history + Math.floor((b.horizon - b.history) / 2);
    const move = dateOf(moveDay);
    const p = b.person('RES', '2014-01-01');
    const closed = b.account({ ...p, cls: 'RES', open: '2014-02-01', close: addDays(move, -1), mailTo: b.address(oldHome), programs: [], behaviour: 'FULL' });
    serve(b, closed, oldHome, '2014-02-01', addDays(move, -1), { rate: 'E-TOU-C' });
    const current = b.account({ ...p, cls: 'RES', open: move, mailTo: b.address(newHome), programs: [], behaviour: 'FULL' });
    serve(b, current, newHome, move, null, { rate: 'E-TOU-C' });
    role('moved_out', 'Moved out during history: a closed account at the old home and a new account since the move', p.customer.CUST_ID);
    b.occupant(oldHome, move, null);
  }

  // Enterprise parent with three stores billed on the parent's statement.
  {
    const [parent] = b.enterprise(3, 'Harbor Hardware Stores Inc');
    role('enterprise', 'Enterprise parent account with three child accounts (chain stores), summary billing', parent.CUST_ID);
  }

  // CCA customer: distribution by the utility, supply by the community choice aggregator.
  {
    const site = b.site({ cls: 'RES', services: ['E'], zip: ccaZip, technology: 'AMI', swap: false });
    const p = b.person('RES', '2016-04-01');
    const a = b.account({ ...p, cls: 'RES', open: '2016-04-11', mailTo: b.address(site), programs: [], behaviour: 'FULL' });
    serve(b, a, site, '2016-04-11', null, { cca: true });
    role('cca', 'Community choice aggregation: a distribution agreement with the utility and a supply agreement with the CCA', p.customer.CUST_ID);
  }

  // EV time-of-use rate with a meter swap during history.
  {
    const site = b.site({ cls: 'RES', services: ['E'], zip: zips[1 % zips.length], technology: 'AMI', swap: true });
    const p = b.person('RES', '2019-02-01');
    const a = b.account({ ...p, cls: 'RES', open: '2019-02-14', mailTo: b.address(site), programs: [], behaviour: 'FULL' });
    serve(b, a, site, '2019-02-14', null, { rate: 'EV2-A' });
    role('ev_meter_swap', 'Electric-vehicle time-of-use rate and EV program; the meter was swapped during history', p.customer.CUST_ID);
  }

  // Suspended for non-payment: paused agreement, payment arrangement, shutoff notices.
  {
    const site = b.site({ cls: 'RES', services: ['E', 'G'], zip: zips[0], technology: 'AMI', swap: false });
    const p = b.person('RES', '2017-06-01');
    const a = b.account({ ...p, cls: 'RES', open: '2017-06-05', status: 'S', mailTo: b.address(site), behaviour: 'LATE',
      programs: [b.enrollment('PAYPLAN', 'ENRL', '2017-06-05')] });
    serve(b, a, site, '2017-06-05', null, { rate: 'E-1' });
    role('suspended', 'Suspended for non-payment: paused agreements, payment arrangement, unpaid balances and shutoff notices', p.customer.CUST_ID);
  }

  // The household the real Green Button files are attached to (see legacy/mdm/greenButton.ts).
  {
    const site = b.site({ cls: 'RES', services: ['E'], zip: zips[0], technology: 'AMI', swap: false });
    const p = b.person('RES', '2009-01-01');
    const a = b.account({ ...p, cls: 'RES', open: '2009-01-20', mailTo: b.address(site), programs: [], behaviour: 'FULL' });
    serve(b, a, site, '2009-01-20', null, { rate: 'E-1' });
    role('greenbutton', 'Household whose earlier homes carry the real Green Button ESPI files as meters (historical agreements)', p.customer.CUST_ID);
  }

  // Utility-scale solar plant: a virtual service point and meter under a project agreement.
  {
    const zip = zips[zips.length - 1];
    const customer = b.customer('IND', 'Sunrise Solar Ranch LLC', '2016-01-01');
    const addr = 'Mile Marker 12 Old Coast Hwy';
    const premise = b.premise(zip, 'LAND', addr, null);
    const sp = b.servicePoint(premise, zip, 'E', addr, null, 'NONSTD', { virtual: true });
    const acct = b.account({ customer, first: 'Plant', last: 'Operations', cls: 'IND', open: '2016-06-01', mailTo: `${addr}\n${zip.city} CA ${zip.postal}`, programs: [] });
    agreement(b, acct, sp, { type: 'E-PRJ', roles: ['GEN'], entity: ENTITY.solarPlant, rates: [{ RATE_CD: 'PPA-1', EFF_DT: '2016-06-01' }], start: '2016-06-01', end: null });
    const created = b.stamp('2016-05-20');
    newMeter(u, b.rng, {
      sp, svc: 'E', technology: 'AMI', bidirectional: true, physical: false, demand: true, installDate: '2016-06-01', removeDate: null,
      reason: 'NEW_SERVICE', load: newLoad(b.rng, 'PLANT', 900, false), created, modified: b.modifiedAfter(created),
    });
  }

  // Municipal street lighting: unmetered agreements.
  {
    const zip = zips[0];
    const customer = b.customer('MUN', `City of ${zip.city}`, '2005-01-01');
    const premise = b.premise(zip, 'ZONE', `${zip.city} street lighting district`, null);
    const acct = b.account({ customer, first: 'Public', last: 'Works', cls: 'MUN', open: '2005-07-01', mailTo: `City Hall\n${zip.city} CA ${zip.postal}`, programs: [] });
    const site = { cls: 'MUN' as const, zip, premise, sps: {}, technology: 'AMI' as const, solarDate: null, apartment: false };
    for (const corridor of ['Main St corridor', 'Harbor Blvd corridor']) {
      const sp = b.servicePoint(premise, zip, 'E', `Streetlights - ${corridor}`, null, 'NONSTD');
      serve(b, acct, { ...site, sps: { E: sp } }, '2005-07-01', null);
    }
  }

  // The utility's own service center (internal) and a meter-shop test account.
  {
    const zip = zips[0];
    const customer = b.customer('COM', 'Example Gas & Electric', '2004-01-01');
    const center = b.site({ cls: 'COM', services: ['E', 'G'], zip });
    const internal = b.account({ customer, first: 'Facilities', last: 'EGE', cls: 'COM', open: '2004-02-01', use: 'INTL', mailTo: b.address(center), programs: [] });
    serve(b, internal, center, '2004-02-01', null, { rate: 'A-1' });
    const bench = b.site({ cls: 'RES', services: ['E'], zip, technology: 'AMI', swap: false });
    const test = b.account({ customer, first: 'Meter', last: 'Shop', cls: 'RES', open: '2020-01-06', use: 'TEST', mailTo: b.address(bench), programs: [] });
    serve(b, test, bench, '2020-01-06', null, { rate: 'E-TOU-C' });
  }

  // The showcase multi-tenant building; its first unit's tenant is a test customer.
  {
    const units = Math.min(120, Math.max(6, Math.floor(b.target * 0.12)));
    const building = b.building(zips[0], units);
    const [first, ...rest] = building.units;
    const p = b.person('RES', '2020-08-01');
    const a = b.account({ ...p, cls: 'RES', open: '2020-08-15', mailTo: b.address(first), programs: [], behaviour: 'FULL' });
    serve(b, a, first, '2020-08-15', null, { rate: 'E-TOU-C' });
    role('building_tenant', `Tenant in a ${units}-unit building (whole-building aggregation member)`, p.customer.CUST_ID);
    for (const unit of rest) {
      if (b.remaining <= 0) break;
      b.occupy(unit);
    }
  }
}

/** A random commercial, industrial, agricultural or residential site with its occupants. */
export function buildRandomSite(b: PopulationBuilder): void {
  const rng = b.rng;
  const r = rng.float();
  const left = b.remaining;
  if (left >= 12 && r < 0.015) {
    const large = left >= 170 && rng.chance(0.1);
    const units = large ? rng.int(101, Math.min(160, left - 10)) : rng.int(4, Math.min(40, left - 2));
    const building = b.building(rng.pick(b.zips), units, rng.chance(0.08));
    for (const unit of building.units) {
      if (b.remaining <= 0) break;
      b.occupy(unit);
    }
    return;
  }
  if (left >= 4 && r < 0.019) {
    b.enterprise(rng.int(2, Math.min(6, left - 1)));
    return;
  }
  if (r < 0.11) {
    b.occupy(b.site({ cls: 'COM', services: rng.chance(0.5) ? ['E', 'G'] : ['E'] }));
    return;
  }
  if (r < 0.116) {
    b.occupy(b.site({ cls: 'IND', services: ['E', 'G'] }));
    return;
  }
  if (r < 0.126) {
    b.occupy(b.site({ cls: 'AGR', services: rng.chance(0.3) ? ['E', 'W'] : ['E'] }));
    return;
  }
  const zip = rng.pick(b.zips);
  const services: ('E' | 'G' | 'W')[] = ['E'];
  if (rng.chance(0.6)) services.push('G');
  if (zip.water && rng.chance(0.7)) services.push('W');
  const solar = rng.chance(0.09) ? (rng.chance(0.4) ? 'history' : 'before') : null;
  b.occupy(b.site({ cls: 'RES', services, zip, solar }));
}
