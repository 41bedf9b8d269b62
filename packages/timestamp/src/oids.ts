/** Object identifiers RFC 3161 and RFC 5035 tokens use. */
export const OID_SHA256 = "2.16.840.1.101.3.4.2.1";
export const OID_SHA1 = "1.3.14.3.2.26";
/** id-ct-TSTInfo (RFC 3161 §2.4.2). */
export const OID_TSTINFO = "1.2.840.113549.1.9.16.1.4";
/** id-kp-timeStamping (RFC 5280 §4.2.1.12; RFC 3161 §2.3 requires it, alone and critical). */
export const OID_KP_TIMESTAMPING = "1.3.6.1.5.5.7.3.8";
/** extKeyUsage extension (RFC 5280 §4.2.1.12). */
export const OID_EXT_KEY_USAGE = "2.5.29.37";
/** id-aa-signingCertificate, ESSCertID with SHA-1 (RFC 2634 §5.4). */
export const OID_SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12";
/** id-aa-signingCertificateV2, ESSCertIDv2 (RFC 5035 §3). */
export const OID_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47";
