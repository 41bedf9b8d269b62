/** Encodes text as windows-1256, by inverting TextDecoder's own table (no hand-written bytes). */
export function encodeCp1256(text: string): Uint8Array {
  const decoder = new TextDecoder("windows-1256");
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text], (ch) => {
    const byte = table.get(ch);
    if (byte === undefined) throw new Error(`U+${ch.codePointAt(0)?.toString(16)} is not in windows-1256`);
    return byte;
  });
}
