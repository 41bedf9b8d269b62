export { createApp } from "./app";
export type { ApiDeps } from "./deps";
export { jsonLogger, problemType, type ErrorLogger } from "./problem";
