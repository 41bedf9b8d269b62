export { run, EXIT } from "./main";
export type { Command, CommandContext, ExitCode } from "./command";
