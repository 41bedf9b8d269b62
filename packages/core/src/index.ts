export * from "./errors";
export * from "./bytes";
export * from "./crypto-backend";
export * from "./sha256";
export * from "./ed25519";
export * from "./canonical-json";
export * from "./note";
export * from "./checkpoint";
