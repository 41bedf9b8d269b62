export * from "./errors";
export * from "./bytes";
export * from "./crypto-backend";
export * from "./sha256";
export * from "./ed25519";
