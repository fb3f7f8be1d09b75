/**
 * What an inventory file's bytes must be before YAML sees them: not larger than a province needs, and
 * UTF-8 (a file saved in a legacy Vietnamese code page, TCVN3 or VNI, would otherwise load as garbled
 * names that end up in every report).
 */

/** Largest inventory file read: a province of 170 communes and hundreds of systems is well under 1 MiB. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Largest province (all its files together). */
export const MAX_PROVINCE_BYTES = 32 * 1024 * 1024;

/** A file's text, or why it cannot be read as an inventory file (with the line and column of the first bad byte). */
export type DecodedSource = { ok: true; text: string } | { ok: false; line: number; column: number; message: string; found?: string };

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/**
 * The refusal of a file larger than `MAX_FILE_BYTES` (decided from its size, before reading it).
 * @param size the file's size in bytes
 */
export function tooLarge(size: number): DecodedSource {
  return { ok: false, line: 1, column: 1, message: `expected an inventory file of at most ${mib(MAX_FILE_BYTES)}; split the province over several files, or check that this is an inventory`, found: mib(size) };
}

/**
 * Decodes an inventory file: refuses one larger than `MAX_FILE_BYTES` and bytes that are not UTF-8,
 * naming the first bad byte's line and column. A UTF-8 byte-order mark is dropped.
 * @param bytes the file's content
 */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(bytes.length);
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, bad));
    const lines = before.split("\n");
    const shown = Array.from(bytes.subarray(bad, bad + 4), (b) => `0x${b.toString(16).padStart(2, "0").toUpperCase()}`).join(" ");
    return { ok: false, line: lines.length, column: [...lines[lines.length - 1]].length + 1, message: `expected UTF-8 text: byte ${bad} starts no valid UTF-8 character (save the file as UTF-8; legacy Vietnamese encodings such as TCVN3 or VNI are not read)`, found: shown };
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  return { ok: true, text: text.startsWith("\uFEFF") ? text.slice(1) : text };
}

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or undefined when all are well formed.
 * @param b the bytes
 */
export function firstInvalidUtf8(b: Uint8Array): number | undefined {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // Per lead byte: sequence length and the allowed range of the second byte (Unicode Table 3-7).
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + n > b.length) return i;
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k < n; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += n;
  }
  return undefined;
}
