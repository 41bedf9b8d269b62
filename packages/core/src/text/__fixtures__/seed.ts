/**
 * The seed statement (a real release of the Syrian National Coalition, in Arabic), read from the
 * project's seeds/ or, before it is copied there, from ../shared/seeds. Test data only.
 */
/* eslint-disable no-restricted-imports -- test-only: core's sources stay free of node:*, its fixtures may read files */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
/* eslint-enable no-restricted-imports */

const NAME = "etilaf-daraa-ceasefire-violations.ar.txt";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../..");
const candidates = [join(root, "seeds", NAME), join(root, "../shared/seeds", NAME)];
// The first that exists; if none does, reading the first fails and names the expected path.
const [file] = candidates.filter((f) => existsSync(f)).concat(candidates);

export const SEED_TEXT: string = readFileSync(file!, "utf8");
