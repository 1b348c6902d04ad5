/**
 * The Customer Data scopes of cds-wg3-01 §6 as Scope Descriptions, the §5 metadata extension and
 * the Usage Segment Value Format catalogue. Configuration in config.ts; the §6 rules in scopeTypes.ts.
 *
 *   const config = demoCustomerDataConfig({ publicUrl, grantAdminScope });
 *   const { descriptions, policies } = customerDataScopes(config, { purposes: purposesInEffect(config, client) });
 *   Object.assign(metadata, customerDataServerMetadata(config, descriptions));
 */
export {
  demoCustomerDataConfig, type CustomerDataConfig, type ScopeOffer, type CatalogueEntry, type DurationBounds,
  type EacFormatDescription,
} from './config';
export { customerDataScopes, type CustomerDataScopes, type BuildOptions } from './scopeDescriptions';
export { customerDataScopeProblems } from './rules';
export { customerDataScopeProvider, type CustomerDataProviderOptions } from './provider';
export { PURPOSES_MEMBER, offeredPurposes, purposeRules, purposesInEffect, purposesRegistrationField } from './purposes';
export {
  customerDataServerMetadata, customerDataApiUrl, CUSTOMER_DATA_VERSION, CUSTOMER_DATA_API_BASE,
} from './metadata';
export {
  CUSTOMER_DATA_SCOPE_TYPES, customerDataScopeType, listedFields, type CustomerDataScopeType, type PrimaryObject,
} from './scopeTypes';
export {
  valueFormatSchema, valueTypeDescriptionSchema, DEMO_VALUE_FORMATS, findValueFormat, UNIT_TYPES,
  type ValueFormat, type ValueFormatOffer, type ValueTypeDescription, type SegmentKind,
} from './valueFormats';
