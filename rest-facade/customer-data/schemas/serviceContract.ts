import { z } from 'zod';
import { cdsTimestamps, checkTimestamps, checkTypeFields, type TypeFields } from './common';
import { Entity } from './entity';
import { UnitType } from './fieldTypes';
import { programFields } from './program';
import { currency, date, decimal, id, inOrder, uniqueArray } from './primitives';

/** §10.2.2 */
export const ContractType = z.enum(['utility_service', 'project', 'billed_monthly', 'billed_quarterly']);
export type ContractType = z.infer<typeof ContractType>;

/** §10.2.3 */
export const ContractStatus = z.enum(['active', 'paused', 'stopped', 'closed', 'unknown']);
export type ContractStatus = z.infer<typeof ContractStatus>;

/** §10.2.4 */
export const ServiceType = z.enum([
  'electric', 'water', 'natural_gas', 'fuel_oil', 'waste_water', 'solid_waste', 'residential', 'commercial',
  'industrial', 'agriculture', 'metered', 'unmetered', 'distribution', 'supply', 'generation',
]);
export type ServiceType = z.infer<typeof ServiceType>;

/** §10.2.6 */
export const ServiceProgramType = z.enum([
  'active', 'inactive', 'eligible', 'ineligible', 'low_income', 'protected', 'survey', 'pilot', 'rebate',
  'credit_bank', 'demand_response', 'ev', 'thermostat',
]);
export type ServiceProgramType = z.infer<typeof ServiceProgramType>;

/** §10.2.6: the fields a program type adds. */
export const ServiceProgramTypeFields: TypeFields = {
  credit_bank: { optional: ['balance', 'units', 'currency'] },
  demand_response: { optional: ['pnode', 'anode', 'aggregated', 'automated'] },
};

/** §10.2.5 */
export const ServiceProgram = z
  .strictObject({
    ...programFields,
    types: uniqueArray(ServiceProgramType),
    balance: decimal.optional(),
    units: UnitType.optional(),
    currency: currency.optional(),
    pnode: z.string().optional(),
    anode: z.string().optional(),
    aggregated: z.boolean().optional(),
    automated: z.boolean().optional(),
  })
  .superRefine(checkTypeFields('types', ServiceProgramTypeFields))
  .superRefine((program, ctx) => {
    if (program.balance !== undefined && program.units === undefined) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'units is REQUIRED when balance is present' });
    }
    if (program.units === 'money' && program.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'currency is REQUIRED when units is money' });
    }
  })
  .meta({ id: 'ServiceProgram', description: 'cds-wg3-01 §10.2.5 Service Program' });
export type ServiceProgram = z.infer<typeof ServiceProgram>;

/** §10.2.1 */
export const ServiceContract = z
  .strictObject({
    cds_servicecontract_id: id,
    ...cdsTimestamps,
    cds_account_id: id,
    account_number: z.string().optional(),
    contract_number: z.string().nullable().optional(),
    contract_address: z.string().optional(),
    contract_types: uniqueArray(ContractType),
    contract_entity: Entity.nullable().optional(),
    contract_status: ContractStatus,
    contract_start: date.optional(),
    contract_end: date.nullable().optional(),
    service_types: uniqueArray(ServiceType),
    rateplan_code: z.string().optional(),
    rateplan_name: z.string().optional(),
    service_programs: z.array(ServiceProgram).optional(),
  })
  .superRefine(checkTimestamps)
  .superRefine((contract, ctx) => {
    if (contract.contract_start && contract.contract_end && !inOrder(contract.contract_start, contract.contract_end)) {
      ctx.addIssue({ code: 'custom', path: ['contract_end'], message: 'contract_end is earlier than contract_start' });
    }
  })
  .meta({ id: 'ServiceContract', description: 'cds-wg3-01 §10.2.1 Service Contract' });
export type ServiceContract = z.infer<typeof ServiceContract>;
