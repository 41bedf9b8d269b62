export { run, EXIT } from "./main";
export type { CommandTable } from "./run";
export type { Command, CommandContext, ExitCode } from "./command";
