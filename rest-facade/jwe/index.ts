export { encryptResponse, type EncryptedResponse } from './encryptResponse';
export { formatHeaderLines, headerLinesSchema, type HeaderLines } from './headerLines';
export { headerPlacement, type HeaderPlacement } from './headerPolicy';
export { InvalidRecipientKeyError, importRecipientKey, recipientJwkSchema } from './recipientKey';
export { ENCRYPTED_BODY_TYPE, JWE_HEADERS } from './wireHeaders';
