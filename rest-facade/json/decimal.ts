import DecimalJs from 'decimal.js';

/**
 * decimal.js configured for exact money and usage arithmetic. The library default keeps only 20
 * significant digits, which would round a 30-digit kWh total; 1000 digits keeps every sum and
 * difference the Customer Data APIs compute exact (cds-wg3-01 §2 "decimal").
 */
export const Decimal = DecimalJs.clone({ precision: 1_000, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Decimal = DecimalJs;
