import type { CisEntity, CisProgram, CisRate, CisTouPeriod, ProgCatCd } from '../cis/records';

/**
 * The fixed catalogue of the synthetic utility: the entities it deals with, its tariffs and its
 * programs. "Example Gas & Electric" (EG&E) is a vertically integrated IOU serving electricity and
 * gas; a CCA (Bay Clean Power) supplies some of its electric customers; a municipal district
 * supplies water in some towns; a utility-scale solar plant sells certificates.
 */

export const SITE = 'https://ege.example';

export const ENTITY = {
  utility: 'ENT-EGE',
  cca: 'ENT-BCP',
  water: 'ENT-MWD',
  solarPlant: 'ENT-SRS',
} as const;

export const ENTITIES: CisEntity[] = [
  { ENTITY_ID: ENTITY.utility, ENTITY_NO: 'US-CA-IOU-EGE', ENTITY_NAME: 'Example Gas & Electric', ENTITY_ABBR: 'EG&E', ENTITY_ROLE_CDS: ['DIST', 'SUPP', 'IOU'] },
  { ENTITY_ID: ENTITY.cca, ENTITY_NO: 'US-CA-CCA-BCP', ENTITY_NAME: 'Bay Clean Power', ENTITY_ABBR: 'BCP', ENTITY_ROLE_CDS: ['SUPP', 'CCA'] },
  { ENTITY_ID: ENTITY.water, ENTITY_NO: ENTITY.water, ENTITY_NAME: 'Millbrook Water District', ENTITY_ABBR: null, ENTITY_ROLE_CDS: ['DIST', 'SUPP', 'MUNI'] },
  { ENTITY_ID: ENTITY.solarPlant, ENTITY_NO: 'EIA-64021', ENTITY_NAME: 'Sunrise Solar Ranch LLC', ENTITY_ABBR: 'SSR', ENTITY_ROLE_CDS: ['GEN'] },
];

const tou = (
  PERIOD_CD: CisTouPeriod['PERIOD_CD'], SEASON_CD: CisTouPeriod['SEASON_CD'], DAY_TYPE_CD: CisTouPeriod['DAY_TYPE_CD'],
  FROM_HR: number, TO_HR: number, PRICE: string,
): CisTouPeriod => ({ PERIOD_CD, SEASON_CD, DAY_TYPE_CD, FROM_HR, TO_HR, PRICE });

const base: Pick<CisRate, 'CURR' | 'FLAT_PRICE' | 'TOU_PERIODS' | 'TIERS' | 'DEMAND_PRICE' | 'EXPORT_CREDIT' | 'COMPONENT_CD' | 'ENTITY_ID'> = {
  CURR: 'USD', FLAT_PRICE: null, TOU_PERIODS: [], TIERS: [], DEMAND_PRICE: null, EXPORT_CREDIT: null,
  COMPONENT_CD: 'BUNDLED', ENTITY_ID: ENTITY.utility,
};

/** Summer is May through October for every seasonal tariff. */
export const SUMMER_MONTHS = new Set([5, 6, 7, 8, 9, 10]);

export const RATES: CisRate[] = [
  {
    ...base, RATE_CD: 'E-1', RATE_NAME: 'Residential Tiered', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'RES', RATE_KIND_CD: 'TIER',
    QTY_UOM: 'KWH', FIXED_CHG: '10.00',
    TIERS: [{ TIER_NO: 1, UPTO_QTY_PER_DAY: '12.5', PRICE: '0.31214' }, { TIER_NO: 2, UPTO_QTY_PER_DAY: null, PRICE: '0.39102' }],
  },
  {
    ...base, RATE_CD: 'E-TOU-C', RATE_NAME: 'Residential Time-of-Use (Peak 4-9 p.m.)', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'RES',
    RATE_KIND_CD: 'TOU', QTY_UOM: 'KWH', FIXED_CHG: '6.00',
    TOU_PERIODS: [
      tou('PK', 'SUM', 'ALL', 16, 21, '0.49388'), tou('OPK', 'SUM', 'ALL', 0, 16, '0.39156'), tou('OPK', 'SUM', 'ALL', 21, 24, '0.39156'),
      tou('PK', 'WIN', 'ALL', 16, 21, '0.38734'), tou('OPK', 'WIN', 'ALL', 0, 16, '0.35412'), tou('OPK', 'WIN', 'ALL', 21, 24, '0.35412'),
    ],
  },
  {
    ...base, RATE_CD: 'EV2-A', RATE_NAME: 'Residential Electric Vehicle Time-of-Use', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'RES',
    RATE_KIND_CD: 'TOU', QTY_UOM: 'KWH', FIXED_CHG: '6.00',
    TOU_PERIODS: [
      tou('OPK', 'ALL', 'ALL', 0, 15, '0.21468'), tou('PPK', 'ALL', 'ALL', 15, 16, '0.41237'),
      tou('PK', 'ALL', 'ALL', 16, 21, '0.52614'), tou('PPK', 'ALL', 'ALL', 21, 24, '0.41237'),
    ],
  },
  {
    ...base, RATE_CD: 'E-NEM2', RATE_NAME: 'Residential Net Energy Metering Time-of-Use', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'RES',
    RATE_KIND_CD: 'TOU', QTY_UOM: 'KWH', FIXED_CHG: '6.00', EXPORT_CREDIT: '0.08125',
    TOU_PERIODS: [
      tou('PK', 'ALL', 'ALL', 16, 21, '0.45110'), tou('OPK', 'ALL', 'ALL', 0, 16, '0.36215'), tou('OPK', 'ALL', 'ALL', 21, 24, '0.36215'),
    ],
  },
  {
    ...base, RATE_CD: 'E-GREEN', RATE_NAME: 'Residential Solar Choice (100% Renewable)', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'RES',
    RATE_KIND_CD: 'FLAT', QTY_UOM: 'KWH', FIXED_CHG: '10.00', FLAT_PRICE: '0.36891',
  },
  {
    ...base, RATE_CD: 'E-DST', RATE_NAME: 'Residential Delivery Only (CCA customers)', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'RES',
    RATE_KIND_CD: 'FLAT', QTY_UOM: 'KWH', FIXED_CHG: '6.00', FLAT_PRICE: '0.19874', COMPONENT_CD: 'DIST',
  },
  {
    ...base, RATE_CD: 'BCP-1', RATE_NAME: 'Bay Clean Power Generation', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'RES',
    RATE_KIND_CD: 'FLAT', QTY_UOM: 'KWH', FIXED_CHG: '0.00', FLAT_PRICE: '0.13250', COMPONENT_CD: 'SUPP', ENTITY_ID: ENTITY.cca,
  },
  {
    ...base, RATE_CD: 'A-1', RATE_NAME: 'Small General Service', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'COM', RATE_KIND_CD: 'FLAT',
    QTY_UOM: 'KWH', FIXED_CHG: '25.00', FLAT_PRICE: '0.30417',
  },
  {
    ...base, RATE_CD: 'B-19', RATE_NAME: 'Medium General Demand-Metered Time-of-Use', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'COM',
    RATE_KIND_CD: 'TOU', QTY_UOM: 'KWH', FIXED_CHG: '150.00', DEMAND_PRICE: '24.15',
    TOU_PERIODS: [
      tou('SOP', 'ALL', 'ALL', 9, 14, '0.11042'),
      tou('PK', 'ALL', 'WKDY', 16, 21, '0.22871'), tou('OPK', 'ALL', 'WKDY', 0, 9, '0.15316'),
      tou('OPK', 'ALL', 'WKDY', 14, 16, '0.15316'), tou('OPK', 'ALL', 'WKDY', 21, 24, '0.15316'),
      tou('OPK', 'ALL', 'WKND', 0, 9, '0.15316'), tou('OPK', 'ALL', 'WKND', 14, 24, '0.15316'),
    ],
  },
  {
    ...base, RATE_CD: 'E-20', RATE_NAME: 'Industrial Service', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'IND', RATE_KIND_CD: 'FLAT',
    QTY_UOM: 'KWH', FIXED_CHG: '750.00', FLAT_PRICE: '0.17320', DEMAND_PRICE: '28.40',
  },
  {
    ...base, RATE_CD: 'AG-C', RATE_NAME: 'Agricultural Pumping', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'AGR', RATE_KIND_CD: 'FLAT',
    QTY_UOM: 'KWH', FIXED_CHG: '40.00', FLAT_PRICE: '0.24711',
  },
  {
    ...base, RATE_CD: 'LS-1', RATE_NAME: 'Street Lighting (per fixture)', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'MUN', RATE_KIND_CD: 'FLAT',
    QTY_UOM: 'KWH', FIXED_CHG: '412.50', FLAT_PRICE: null,
  },
  {
    ...base, RATE_CD: 'PPA-1', RATE_NAME: 'Wholesale Solar Power Purchase Agreement', SVC_TYPE_CD: 'E', CUST_CLASS_CD: 'IND',
    RATE_KIND_CD: 'FLAT', QTY_UOM: 'KWH', FIXED_CHG: '0.00', EXPORT_CREDIT: '0.05500', COMPONENT_CD: 'SUPP', ENTITY_ID: ENTITY.solarPlant,
  },
  {
    ...base, RATE_CD: 'G-1', RATE_NAME: 'Residential Gas Service', SVC_TYPE_CD: 'G', CUST_CLASS_CD: 'RES', RATE_KIND_CD: 'TIER',
    QTY_UOM: 'CCF', FIXED_CHG: '5.00',
    TIERS: [{ TIER_NO: 1, UPTO_QTY_PER_DAY: '1.2', PRICE: '1.85120' }, { TIER_NO: 2, UPTO_QTY_PER_DAY: null, PRICE: '2.30415' }],
  },
  {
    ...base, RATE_CD: 'G-NR1', RATE_NAME: 'Small Commercial Gas Service', SVC_TYPE_CD: 'G', CUST_CLASS_CD: 'COM', RATE_KIND_CD: 'FLAT',
    QTY_UOM: 'CCF', FIXED_CHG: '20.00', FLAT_PRICE: '1.60225',
  },
  {
    ...base, RATE_CD: 'W-RES', RATE_NAME: 'Residential Water', SVC_TYPE_CD: 'W', CUST_CLASS_CD: 'RES', RATE_KIND_CD: 'TIER',
    QTY_UOM: 'GAL', FIXED_CHG: '25.00', ENTITY_ID: ENTITY.water,
    TIERS: [
      { TIER_NO: 1, UPTO_QTY_PER_DAY: '150', PRICE: '0.00612' },
      { TIER_NO: 2, UPTO_QTY_PER_DAY: '400', PRICE: '0.00915' },
      { TIER_NO: 3, UPTO_QTY_PER_DAY: null, PRICE: '0.01340' },
    ],
  },
  {
    ...base, RATE_CD: 'W-COM', RATE_NAME: 'Commercial Water', SVC_TYPE_CD: 'W', CUST_CLASS_CD: 'COM', RATE_KIND_CD: 'FLAT',
    QTY_UOM: 'GAL', FIXED_CHG: '60.00', FLAT_PRICE: '0.00804', ENTITY_ID: ENTITY.water,
  },
];

/** Government taxes on the bill: a percentage of the section's charges and a per-kWh surcharge. */
export const TAX = {
  usersTaxPercent: '5.0',
  energySurchargePerKwh: '0.00030',
} as const;

const program = (
  PROG_CD: string, PROG_NAME: string, PROG_DESCR: string, PROG_LEVEL_CD: 'ACCT' | 'SA', PROG_CAT_CDS: ProgCatCd[],
  extra: Partial<CisProgram> = {},
): CisProgram => ({
  PROG_CD, PROG_NAME, PROG_DESCR, PROG_LEVEL_CD, PROG_CAT_CDS,
  DOC_URL: `${SITE}/programs/${PROG_CD.toLowerCase()}`,
  INFO_URL: `${SITE}/programs/${PROG_CD.toLowerCase()}/faq`,
  SIGNUP_URL: `${SITE}/myaccount/programs/${PROG_CD.toLowerCase()}/enroll`,
  SETTINGS_URL: null,
  DISC_URL: `${SITE}/myaccount/programs/${PROG_CD.toLowerCase()}/leave`,
  DR_PNODE: null, DR_ANODE: null, DR_AGGR_FLG: null, DR_AUTO_FLG: null,
  ...extra,
});

export const PROGRAMS: CisProgram[] = [
  program('CARE', 'California Alternate Rates for Energy', 'A 20% discount on electric and gas charges for income-qualified households.', 'ACCT', ['LOWINC']),
  program('PAYPLAN', 'Payment Arrangement', 'Pay a past-due balance in monthly installments.', 'ACCT', ['PAYPLAN'], { SIGNUP_URL: null }),
  program('BUDGET', 'Balanced Payment Plan', 'Pay the same amount every month, trued up once a year.', 'ACCT', ['FLAT']),
  program('MEDBL', 'Medical Baseline', 'More energy at the lowest price and advance notice before shutoffs for medical needs.', 'ACCT', ['PROTECT']),
  program('NEMCB', 'Net Metering Credit Bank', 'Dollar credits for exported solar energy, applied at annual true-up.', 'ACCT', ['CRBANK'], { SIGNUP_URL: null, DISC_URL: null }),
  program('HOMESURVEY', 'Home Energy Checkup', 'An online survey with personalised savings tips.', 'ACCT', ['SURVEY'], { DISC_URL: null }),
  program('TOUPILOT', 'Dynamic Pricing Pilot', 'A pilot of hourly prices for volunteer households.', 'ACCT', ['PILOT']),
  program('HEATPUMP', 'Heat Pump Water Heater Rebate', 'A rebate for replacing a gas water heater with a heat pump.', 'ACCT', ['REBATE'], { DISC_URL: null }),
  program('SMARTDAYS', 'SmartDays Demand Response', 'Bill credits for using less on event days.', 'SA', ['DR'], {
    SETTINGS_URL: `${SITE}/myaccount/programs/smartdays/settings`, DR_PNODE: 'PNODE_EGE_BAY_1', DR_ANODE: 'ANODE_EGE_BAY', DR_AGGR_FLG: 'N', DR_AUTO_FLG: 'N',
  }),
  program('BYOT', 'Bring Your Own Thermostat', 'Connected thermostats adjust automatically during peak events.', 'SA', ['DR', 'TSTAT'], {
    SETTINGS_URL: `${SITE}/myaccount/programs/byot/settings`, DR_PNODE: 'PNODE_EGE_BAY_2', DR_ANODE: 'ANODE_EGE_BAY', DR_AGGR_FLG: 'Y', DR_AUTO_FLG: 'Y',
  }),
  program('EVCHARGE', 'EV Charging Rebate', 'A rebate for a level 2 charger with managed off-peak charging.', 'SA', ['EV', 'REBATE']),
  program('CSOL', 'Community Solar Subscription', 'A share of the Sunrise Solar Ranch output credited in kWh.', 'SA', ['CRBANK'], { SIGNUP_URL: null }),
];
