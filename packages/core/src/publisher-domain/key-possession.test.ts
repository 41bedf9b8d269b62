import { describe, expect, it } from "vitest";
import { parseUtf8 } from "../bytes";
import { keyPossessionMessage } from "./key-possession";

describe("the proof-of-possession message", () => {
  it("binds context, domain, publisher, key id and nonce, one per line", () => {
    const message = keyPossessionMessage({
      domain: "press.example",
      publisher: "press",
      publicKey: new Uint8Array(32),
      nonce: "n0nce",
    });
    expect(parseUtf8(message)).toBe(
      "isnad-key-pop/v1\npress.example\npress\ned25519:66687aadf862bd77\nn0nce\n",
    );
  });
});
