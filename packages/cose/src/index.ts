export * from "./cbor";
export * from "./receipt-key";
export * from "./receipt";
