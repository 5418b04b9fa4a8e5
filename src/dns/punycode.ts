// Punycode decoding (RFC 3492 6.2) for checking A-labels the same way on every Node version.
//
// Why not a library: node:url's domainToASCII rejects a bad A-label on Node 20 but passes it
// through unchanged on Node 24 (ada 2 to 3); node:punycode prints a deprecation warning on
// Node 22+; and the userland `punycode` package is shadowed by that core module under its own name
// and ships no types. The decoder is RFC 3492's sample algorithm, bounded by a label's 63 octets.

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_CODE_POINT = 0x80;
const MAX_INT = 0x7fffffff;
const MAX_CODE_POINT = 0x10ffff;

/** Decodes the Punycode part of an A-label (after `xn--`); undefined when it is not valid Punycode. */
export function decodePunycode(input: string): string | undefined {
  const delimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (let index = 0; index < Math.max(delimiter, 0); index += 1) {
    const code = input.charCodeAt(index);
    if (code >= 0x80) return undefined;
    output.push(code);
  }
  let codePoint = INITIAL_CODE_POINT;
  let bias = INITIAL_BIAS;
  let position = 0;
  let cursor = delimiter > 0 ? delimiter + 1 : 0;
  while (cursor < input.length) {
    const oldPosition = position;
    let weight = 1;
    for (let k = BASE; ; k += BASE) {
      if (cursor >= input.length) return undefined;
      const digit = digitOf(input.charCodeAt(cursor));
      cursor += 1;
      if (digit >= BASE || digit > Math.floor((MAX_INT - position) / weight)) return undefined;
      position += digit * weight;
      const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < threshold) break;
      if (weight > Math.floor(MAX_INT / (BASE - threshold))) return undefined;
      weight *= BASE - threshold;
    }
    const length = output.length + 1;
    bias = adapt(position - oldPosition, length, oldPosition === 0);
    if (Math.floor(position / length) > MAX_INT - codePoint) return undefined;
    codePoint += Math.floor(position / length);
    position %= length;
    if (codePoint > MAX_CODE_POINT || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
    output.splice(position, 0, codePoint);
    position += 1;
  }
  return String.fromCodePoint(...output);
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26; // 0-9
  if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
  if (code >= 0x61 && code <= 0x7a) return code - 0x61; // a-z
  return BASE;
}

function adapt(delta: number, length: number, firstTime: boolean): number {
  let scaled = firstTime ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  scaled += Math.floor(scaled / length);
  let k = 0;
  while (scaled > ((BASE - T_MIN) * T_MAX) >> 1) {
    scaled = Math.floor(scaled / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * scaled) / (scaled + SKEW));
}
