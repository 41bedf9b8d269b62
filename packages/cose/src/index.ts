export * from "./cbor";
export * from "./receipt-key";
export * from "./receipt";
export * from "./receipt-key-env";
export * from "./sshsig";
export * from "./statement-signature";
