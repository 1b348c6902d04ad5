import { z } from 'zod';
import { cdsTimestamps, checkTimestamps } from './common';
import { datetime, id, inOrder, uniqueArray, url } from './primitives';

/** §10.9.2 */
export const BeneficiaryType = z.enum(['customer', 'account', 'servicecontract', 'rateplan', 'program', 'general']);
export type BeneficiaryType = z.infer<typeof BeneficiaryType>;

/** §10.9.1 */
export const EnergyAttributeCertificate = z
  .strictObject({
    cds_eac_id: id,
    ...cdsTimestamps,
    beneficiary_type: BeneficiaryType,
    beneficiaries: uniqueArray(z.string().min(1)),
    eac_numbers: uniqueArray(z.string().min(1)),
    eac_format: z.string().min(1),
    eac_data_url: url,
    period_start: datetime,
    period_end: datetime,
  })
  .superRefine(checkTimestamps)
  .superRefine((eac, ctx) => {
    if (eac.beneficiary_type === 'general' && eac.beneficiaries.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['beneficiaries'], message: 'a general EAC has no beneficiaries' });
    }
    if (!inOrder(eac.period_start, eac.period_end)) {
      ctx.addIssue({ code: 'custom', path: ['period_end'], message: 'period_end is earlier than period_start' });
    }
  })
  .meta({ id: 'EnergyAttributeCertificate', description: 'cds-wg3-01 §10.9.1 Energy Attribute Certificate' });
export type EnergyAttributeCertificate = z.infer<typeof EnergyAttributeCertificate>;

/** §10.9.3 (for `cds_eac_formats` in the Server Metadata) */
export const EacDataFormatDescription = z
  .strictObject({ id, name: z.string().min(1), description: z.string(), documentation: url })
  .meta({ id: 'EacDataFormatDescription', description: 'cds-wg3-01 §10.9.3 EAC Data Format Description' });
export type EacDataFormatDescription = z.infer<typeof EacDataFormatDescription>;
