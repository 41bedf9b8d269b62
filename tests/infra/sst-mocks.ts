/**
 * What the fake cloud answers while sst.config.ts runs under Pulumi mocks: the outputs AWS would
 * compute for the resources SST creates (ARNs, names, URLs) and the data-source calls it makes.
 * Values are fixed so that the captured inputs are reproducible.
 */
export const ACCOUNT_ID = "123456789012";
export const REGION = "us-east-1";
export const FUNCTION_URL = "https://mockapi.lambda-url.us-east-1.on.aws/";
/** isnad's own witness (stacks/witness.ts) gets a URL of its own, so that tests can tell them apart. */
export const WITNESS_FUNCTION_URL = "https://mockwitness.lambda-url.us-east-1.on.aws/";
export const DISTRIBUTION_DOMAIN = "d111111abcdef8.cloudfront.net";

type Props = Record<string, unknown>;

export function mockResourceState(type: string, name: string, inputs: Props): { id: string; state: Props } {
  const id = `${name}-id`;
  const named = typeof inputs.name === "string" ? inputs.name : `${name.toLowerCase()}-mock`;
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = typeof inputs.bucket === "string" ? inputs.bucket : `${name.toLowerCase()}-mock`;
      return {
        id: bucket,
        state: {
          ...inputs,
          bucket,
          arn: `arn:aws:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${REGION}.amazonaws.com`,
        },
      };
    }
    case "aws:dynamodb/table:Table":
      return {
        id: named,
        state: { ...inputs, name: named, arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/${named}` },
      };
    case "aws:lambda/function:Function":
      return {
        id: named,
        state: { ...inputs, name: named, arn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${named}` },
      };
    case "aws:lambda/functionUrl:FunctionUrl":
      return name.startsWith("Witness")
        ? { id, state: { ...inputs, functionUrl: WITNESS_FUNCTION_URL, urlId: "mockwitness" } }
        : { id, state: { ...inputs, functionUrl: FUNCTION_URL, urlId: "mockapi" } };
    case "aws:cloudfront/distribution:Distribution":
      return {
        id: "E2MOCKDISTRIB",
        state: {
          ...inputs,
          domainName: DISTRIBUTION_DOMAIN,
          hostedZoneId: "Z2FDTNDATAQYW2",
          arn: `arn:aws:cloudfront::${ACCOUNT_ID}:distribution/E2MOCKDISTRIB`,
        },
      };
    case "random:index/randomBytes:RandomBytes":
      return { id, state: { ...inputs, base64: "A".repeat(43) + "=", hex: "00".repeat(32) } };
    default:
      return {
        id,
        state: { ...inputs, name: named, arn: `arn:aws:mock:${REGION}:${ACCOUNT_ID}:${type}/${name}` },
      };
  }
}

export function mockCall(token: string, inputs: Props): Props {
  switch (token) {
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:index/getRegion:getRegion":
      return { id: REGION, name: REGION, region: REGION, description: "US East (N. Virginia)" };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        id: ACCOUNT_ID,
        accountId: ACCOUNT_ID,
        arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci`,
        userId: "AIDAMOCK",
      };
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      // The provider echoes its inputs (SST reads `statements` back) and adds the rendered JSON.
      return { ...inputs, id: "policy", json: JSON.stringify(renderPolicy(inputs)) };
    default:
      throw new Error(`the infra test mocks have no answer for data source ${token}`);
  }
}

interface StatementInput {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** The JSON the AWS provider renders for aws.iam.getPolicyDocument (IAM policy grammar). */
function renderPolicy(inputs: Props) {
  const statements = (inputs.statements ?? []) as StatementInput[];
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? "Allow",
      Action: s.actions ?? [],
      Resource: s.resources ?? [],
      ...(s.principals
        ? { Principal: Object.fromEntries(s.principals.map((p) => [p.type, p.identifiers])) }
        : {}),
      ...(s.conditions
        ? {
            Condition: Object.fromEntries(s.conditions.map((c) => [c.test, { [c.variable]: c.values }])),
          }
        : {}),
    })),
  };
}
