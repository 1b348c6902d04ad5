/**
 * Purposes (cds-wg3-01 §5.1, §7.4.4, §8): the Purpose object, the `purposes`/`purposes_or_null`
 * registration formats, the `cds_purposes` modification rules and the `purpose` field's choices.
 */
export {
  purposeSchema, purposesFormat, purposesOrNullFormat, describeIssues, type Purpose, type PurposeMap,
} from './purpose';
export { registerPurposes, modifyPurposes, type PurposePolicy, type PurposeResult } from './modify';
export { purposeChoices } from './choices';
