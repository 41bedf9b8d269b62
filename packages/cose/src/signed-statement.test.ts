/**
 * Signed Statements built here with isnad's own encoder and core's Ed25519 (the interop with an
 * independent COSE library is tests/scitt/, over HTTP).
 */
import { describe, expect, it } from "vitest";
import { ed25519KeyPair, signEd25519 } from "@isnad/core";
import { CborMap, CborTag, encodeCbor, type CborValue } from "./cbor";
import { CoseError, type CoseErrorCode } from "./cose-error";
import { parseSignedStatement, signedStatementToBeSigned, verifySignedStatement } from "./signed-statement";

const seed = new Uint8Array(32).fill(7);
const { publicKey } = ed25519KeyPair(seed);
const utf8 = (text: string) => new TextEncoder().encode(text);

interface Build {
  protectedEntries?: [number | string, CborValue][];
  unprotected?: [number | string, CborValue][];
  payload?: Uint8Array | null;
  tagged?: boolean;
  signer?: Uint8Array;
}

function build(options: Build = {}): Uint8Array {
  const entries = options.protectedEntries ?? [
    [1, -8],
    [4, utf8("ed25519:0123456789abcdef")],
    [3, "text/plain"],
  ];
  const protectedBytes = encodeCbor(new CborMap(entries));
  const payload = options.payload === undefined ? utf8("statement") : options.payload;
  const signature = signEd25519(
    options.signer ?? seed,
    encodeCbor(["Signature1", protectedBytes, new Uint8Array(0), payload ?? new Uint8Array(0)]),
  );
  const sign1 = [protectedBytes, new CborMap(options.unprotected ?? []), payload, signature];
  return encodeCbor(options.tagged === false ? sign1 : new CborTag(18, sign1));
}

function refused(bytes: Uint8Array, code: CoseErrorCode, why: RegExp): void {
  let caught: unknown;
  try {
    parseSignedStatement(bytes);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CoseError);
  expect((caught as CoseError).code).toBe(code);
  expect((caught as CoseError).message).toMatch(why);
}

describe("parseSignedStatement", () => {
  it("reads alg, kid, content type, CWT issuer and subject, tagged or not, and the signature verifies", () => {
    for (const tagged of [true, false]) {
      const statement = parseSignedStatement(
        build({
          tagged,
          protectedEntries: [
            [1, -19],
            [4, utf8("ed25519:0123456789abcdef")],
            [3, "text/plain; charset=utf-8"],
            [
              15,
              new CborMap([
                [1, "press.example"],
                [2, "release 7"],
              ]),
            ],
          ],
        }),
      );
      expect(statement.alg).toBe(-19);
      expect(new TextDecoder().decode(statement.kid)).toBe("ed25519:0123456789abcdef");
      expect(statement.contentType).toBe("text/plain; charset=utf-8");
      expect([statement.issuer, statement.subject]).toEqual(["press.example", "release 7"]);
      expect(new TextDecoder().decode(statement.payload)).toBe("statement");
      expect(() => verifySignedStatement(statement, publicKey)).not.toThrow();
    }
  });

  it("takes kid and a CoAP content format from the unprotected header", () => {
    const statement = parseSignedStatement(
      build({
        protectedEntries: [[1, -8]],
        unprotected: [
          [4, utf8("k")],
          [3, 0],
        ],
      }),
    );
    expect(statement.kid).toEqual(utf8("k"));
    expect(statement.contentType).toBe("cf:0");
  });

  it("refuses a signature by another key, or over other bytes", () => {
    const other = parseSignedStatement(build({ signer: new Uint8Array(32).fill(8) }));
    expect(() => verifySignedStatement(other, publicKey)).toThrow(/does not verify/);
    const bytes = build();
    const statement = parseSignedStatement(bytes);
    const payload = Uint8Array.from(statement.payload);
    payload[0] = payload[0]! ^ 1;
    expect(() => verifySignedStatement({ ...statement, payload }, publicKey)).toThrow(CoseError);
  });

  it("refuses algorithms other than EdDSA, and an alg outside the protected header", () => {
    refused(build({ protectedEntries: [[1, -7]] }), "UNSUPPORTED_ALGORITHM", /alg -7/);
    refused(build({ protectedEntries: [[1, "EdDSA"]] }), "UNSUPPORTED_ALGORITHM", /alg EdDSA/);
    refused(build({ protectedEntries: [], unprotected: [[1, -8]] }), "UNSUPPORTED_ALGORITHM", /protected/);
    refused(build({ protectedEntries: [[4, utf8("k")]] }), "UNSUPPORTED_ALGORITHM", /names no alg/);
  });

  it("refuses a detached payload, and crit headers it does not understand", () => {
    refused(build({ payload: null }), "PAYLOAD_MISSING", /detached/);
    refused(
      build({
        protectedEntries: [
          [1, -8],
          [2, [258]],
          [258, -16],
        ],
      }),
      "UNKNOWN_CRITICAL_HEADER",
      /258/,
    );
    expect(() =>
      parseSignedStatement(
        build({
          protectedEntries: [
            [1, -8],
            [2, [3]],
            [3, "text/plain"],
          ],
        }),
      ),
    ).not.toThrow();
  });

  it("refuses structures that are not a COSE_Sign1", () => {
    const sig = new Uint8Array(64);
    const bad: [Uint8Array, RegExp][] = [
      [encodeCbor(new CborTag(98, [])), /tag 98/],
      [encodeCbor([new Uint8Array(0), new CborMap([]), null]), /four items/],
      [encodeCbor(["x", new CborMap([]), null, sig]), /protected header is not a byte string/],
      [encodeCbor([encodeCbor([1]), new CborMap([]), null, sig]), /protected header is not a map/],
      [encodeCbor([new Uint8Array(0), [], null, sig]), /unprotected header is not a map/],
      [encodeCbor([encodeCbor(new CborMap([[1, -8]])), new CborMap([]), "text", sig]), /payload/],
      [
        encodeCbor([encodeCbor(new CborMap([[1, -8]])), new CborMap([]), new Uint8Array(1), "sig"]),
        /signature/,
      ],
      [
        encodeCbor([encodeCbor(new CborMap([[1, -8]])), new CborMap([[1, -8]]), new Uint8Array(1), sig]),
        /both headers/,
      ],
      [
        build({
          protectedEntries: [
            [1, -8],
            [4, "text kid"],
          ],
        }),
        /kid/,
      ],
      [
        build({
          protectedEntries: [
            [1, -8],
            [15, "claims"],
          ],
        }),
        /CWT claims/,
      ],
      [
        build({
          protectedEntries: [
            [1, -8],
            [15, new CborMap([[1, 7]])],
          ],
        }),
        /issuer/,
      ],
      [
        build({
          protectedEntries: [
            [1, -8],
            [3, -1],
          ],
        }),
        /content type/,
      ],
      [
        build({
          protectedEntries: [
            [1, -8],
            [2, []],
          ],
        }),
        /crit/,
      ],
    ];
    for (const [bytes, why] of bad) refused(bytes, "MALFORMED", why);
  });
});

describe("signedStatementToBeSigned", () => {
  it("is the Sig_structure encodeCbor writes, for payloads of every length class", () => {
    const protectedBytes = encodeCbor(new CborMap([[1, -8]]));
    for (const size of [0, 23, 24, 255, 256, 65535, 65536, 70_000]) {
      const payload = new Uint8Array(size).fill(0x61);
      expect(signedStatementToBeSigned({ protectedBytes, payload })).toEqual(
        encodeCbor(["Signature1", protectedBytes, new Uint8Array(0), payload]),
      );
    }
  });
});
