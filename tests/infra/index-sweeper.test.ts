/**
 * The quote-index sweeper (stacks/index-sweeper.ts) as sst.config.ts deploys it, under Pulumi
 * mocks like stacks.test.ts: a function run every minute by an EventBridge rule, built from
 * functions/index-sweeper.ts, with the settings its cold start reads and a grant no wider than
 * reading texts and writing index items.
 */
import { serviceSettingsFromEnv } from "@isnad/archive";
import { beforeAll, describe, expect, it } from "vitest";
import { inlinePolicy, resourcesOf, runStage, type CapturedResource, type CapturedRun } from "./run-stage";
import { ensureSstPlatform } from "./sst-platform";

const SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"; // RFC 8032 §7.1 test 1
const HANDLER = "functions/index-sweeper.handler";
let run: CapturedRun;

beforeAll(async () => {
  ensureSstPlatform();
  const stage = await runStage("dev", {
    SST_SECRET_SigningKeySeed: SEED,
    SST_SECRET_ReceiptKeyPkcs8: "3081870201003013",
  });
  if (!stage.result) throw new Error(`stage dev did not run (exit ${stage.exitCode}):\n${stage.stderr}`);
  run = stage.result;
}, 600_000);

function sweeper(): CapturedResource {
  const found = resourcesOf(run, "aws:lambda/function:Function").filter((f) => f.inputs.handler === HANDLER);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("the quote-index sweeper", () => {
  it("runs every minute, on an EventBridge rule whose target is the sweeper function", () => {
    const rules = resourcesOf(run, "aws:cloudwatch/eventRule:EventRule");
    expect(rules.map((r) => r.inputs.scheduleExpression)).toEqual(["rate(1 minute)"]);
    const targets = resourcesOf(run, "aws:cloudwatch/eventTarget:EventTarget");
    expect(targets.map((t) => t.inputs.arn)).toEqual([
      `arn:aws:lambda:us-east-1:123456789012:function:${String(sweeper().inputs.name)}`,
    ]);
    expect(targets[0]?.inputs.rule).toBe(rules[0]?.inputs.name);
    const invoke = resourcesOf(run, "aws:lambda/permission:Permission").filter(
      (p) => p.inputs.principal === "events.amazonaws.com",
    );
    expect(invoke).toHaveLength(1);
  });

  it("is an arm64 Node.js 22/24 function, bundled, whose cold start reads its settings", () => {
    const fn = sweeper();
    expect(["nodejs22.x", "nodejs24.x"]).toContain(fn.inputs.runtime);
    expect(fn.inputs).toMatchObject({ architectures: ["arm64"], timeout: 300 });
    expect(run.builds.filter((b) => b.handler === HANDLER)).toHaveLength(1);
    // The seed travels as a Pulumi secret, as the API's does.
    expect(fn.secretInputs).toEqual(["environment"]);
    const env = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    const settings = serviceSettingsFromEnv(env);
    expect(settings.bucket).toBe(run.outputs.bucket);
    expect(settings.table).toBe(run.outputs.table);
    expect(Buffer.from(settings.signingSeed).toString("hex")).toBe(SEED);
    // No URL: nothing but the schedule invokes it.
    const urls = resourcesOf(run, "aws:lambda/functionUrl:FunctionUrl");
    expect(urls.map((u) => String(u.name))).not.toContainEqual(expect.stringContaining("IndexSweeper"));
  });

  it("may read texts and write index items, nothing more", () => {
    const role = resourcesOf(run, "aws:iam/role:Role").filter((r) => r.name.startsWith("IndexSweeper"));
    expect(role).toHaveLength(1);
    const allows = inlinePolicy(role[0]!).filter((s) => s.Effect === "Allow");
    expect(JSON.parse(String(role[0]!.inputs.assumeRolePolicy))).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    });
    const bucketArn = `arn:aws:s3:::${String(run.outputs.bucket)}`;
    const tableArn = `arn:aws:dynamodb:us-east-1:123456789012:table/${String(run.outputs.table)}`;
    expect(allows).toEqual([
      expect.objectContaining({ Action: ["s3:GetObject"], Resource: [`${bucketArn}/texts/*`] }),
      expect.objectContaining({
        Action: [
          "dynamodb:GetItem",
          "dynamodb:Query",
          "dynamodb:BatchWriteItem",
          "dynamodb:PutItem",
          "dynamodb:DeleteItem",
        ],
        Resource: [tableArn, `${tableArn}/index/*`],
      }),
    ]);
  });
});
