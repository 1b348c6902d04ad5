import type { EacCertificate } from '../../legacy/eac/records';
import { toDateTimeString, type BeneficiaryType } from '../shared';
import type { EacRegistry } from './registry';
import type { EnergyAttributeCertificate } from './types';

// EAC registry certificate → Energy Attribute Certificate (cds-wg3-01 §10.9).

const BENEFICIARY: Record<EacCertificate['beneficiary_kind'], BeneficiaryType> = {
  CUSTOMER: 'customer', ACCOUNT: 'account', CONTRACT: 'servicecontract', TARIFF: 'rateplan', PROGRAM: 'program', GENERAL: 'general',
};

export function toCertificate(c: EacCertificate, registry: EacRegistry, synced: Date): EnergyAttributeCertificate {
  return {
    id: c.certificate_id,
    created: toDateTimeString(c.issued_at),
    modified: toDateTimeString(c.updated_at),
    synced: toDateTimeString(synced),
    beneficiaryType: BENEFICIARY[c.beneficiary_kind],
    beneficiaries: c.beneficiary_refs,
    eacNumbers: c.serial_numbers,
    eacFormat: c.format_code,
    eacDataUrl: registry.dataUrl(c),
    periodStart: toDateTimeString(c.vintage_start),
    periodEnd: toDateTimeString(c.vintage_end),
  };
}
