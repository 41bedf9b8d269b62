/**
 * Validation errors in plain words (issue #14): a zod error map used by `parseWith`, so a client
 * reads "title: at most 500 characters", never zod's "Too big: expected string to have <=500
 * characters". Messages written into the schemas themselves (e.g. "a statement id is 32
 * lowercase hex digits") take precedence over this map, as zod 4 orders them.
 */
import type { z } from "zod";

type Issue = z.core.$ZodRawIssue;

const KIND: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a JSON object",
  array: "a list",
  null: "null",
};

export function plainIssue(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "missing";
      return `must be ${KIND[issue.expected] ?? issue.expected}`;
    }
    case "too_big": {
      const max = String(issue.maximum);
      if (issue.origin === "string") return `at most ${max} characters`;
      if (issue.origin === "array") return `at most ${max} items`;
      return issue.inclusive === false ? `must be less than ${max}` : `at most ${max}`;
    }
    case "too_small": {
      const min = String(issue.minimum);
      if (issue.origin === "string")
        return Number(issue.minimum) === 1 ? "must not be empty" : `at least ${min} characters`;
      if (issue.origin === "array") return `at least ${min} items`;
      return issue.inclusive === false ? `must be more than ${min}` : `at least ${min}`;
    }
    case "invalid_format":
      return issue.format === "regex"
        ? "is not in the expected form"
        : `must be ${issue.format === "url" ? "a URL" : `a valid ${issue.format}`}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return `unknown field(s): ${issue.keys.join(", ")}`;
    case "invalid_union": {
      // Each alternative's first required field: "send one of: sha256, text".
      const fields = new Set<string>();
      for (const alternative of issue.errors) {
        const missing = alternative.find((i) => i.code === "invalid_type" && i.path.length > 0);
        if (missing) fields.add(String(missing.path[0]));
      }
      return fields.size > 0
        ? `send exactly one of: ${[...fields].join(", ")}`
        : "is not in an accepted form";
    }
    default:
      return "is not valid";
  }
}
