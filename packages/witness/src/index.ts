export * from "./witness-state";
export * from "./dynamodb-witness-state";
export * from "./add-checkpoint";
export * from "./app";
export * from "./witness-env";
