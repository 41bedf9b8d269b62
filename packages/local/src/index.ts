export * from "./emulators";
export * from "./dynamodb-local";
export * from "./aws-clients";
export * from "./local-stack";
export * from "./signing-key";
