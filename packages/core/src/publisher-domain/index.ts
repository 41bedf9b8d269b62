export * from "./well-known-file";
export * from "./dns-record";
export * from "./key-possession";
