#!/usr/bin/env node
// The isnad command. The workspace ships TypeScript sources without a build step, so the command
// loads them through tsx's loader; `run` returns the exit code (see src/main.ts).
import { register } from "tsx/esm/api";

register();
const { run } = await import("../src/main.ts");
process.exitCode = await run(process.argv.slice(2));
