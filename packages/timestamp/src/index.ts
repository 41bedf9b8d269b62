export { buildTimeStampRequest, type TimeStampRequest } from "./request";
export { tokenFromResponse } from "./response";
export {
  checkTokenAnswers,
  verifyTimestampToken,
  type TimestampTrust,
  type VerifiedTimestamp,
} from "./verify";
export { TimestampError, type TimestampErrorCode } from "./errors";
export { base64, fromBase64 } from "./bytes";
export { OID_KP_TIMESTAMPING, OID_SHA256 } from "./oids";
