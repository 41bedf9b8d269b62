/**
 * The dummy credentials of the local emulators: s3rver gets them registered (emulators.ts), the
 * DynamoDB emulators accept any. A file of its own so that the emulator thread (emulator-worker.ts)
 * imports them without loading the AWS SDK it never uses.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: "isnad", secretAccessKey: "isnad" } as const;
