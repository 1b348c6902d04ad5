export { Decimal } from './decimal';
export { JSON_NUMBER, JsonDecimal } from './jsonDecimal';
export { JsonSyntaxError, parseExact, type ExactJson, type ParseExactOptions } from './parse';
export { sendExactJson } from './send';
export { stringifyExact } from './stringify';
