/**
 * A bounded reader of SSH wire data (RFC 4251 §5: uint32, string), shared by SSHSIG
 * (sshsig.ts) and OpenSSH private key files (openssh-private-key.ts): every overrun becomes the
 * caller's own error, never a RangeError.
 */
export class SshReader {
  private at = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly error: (why: string) => Error,
  ) {}
  take(n: number): Uint8Array {
    if (n < 0 || this.at + n > this.bytes.length) throw this.error("truncated");
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  uint32(): number {
    const b = this.take(4);
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }
  string(): Uint8Array {
    return this.take(this.uint32());
  }
  text(): string {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(this.string());
    } catch (e) {
      if (e instanceof TypeError) throw this.error("a name is not UTF-8");
      throw e;
    }
  }
  /** What is left unread. */
  rest(): Uint8Array {
    return this.take(this.bytes.length - this.at);
  }
  done(): void {
    if (this.at !== this.bytes.length) throw this.error("trailing bytes");
  }
}
