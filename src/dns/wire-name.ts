// Names read off the wire label by label. A name keeps its labels by writing them in zone-file
// presentation form (RFC 1035 5.1): "." and "\" inside a label as `\.` and `\\`, octets outside
// printable ASCII as `\DDD` (dns2 joined labels with "." whatever they held, so the one label
// `mail.relay` came out as two). Such a name is never sent as a query (dns-name.ts).

/** More compression pointers than any sound name needs; past it the name loops. */
const MAX_POINTERS = 127;
/** RFC 1035 2.3.4: a name on the wire, length octets and the root label included. */
const MAX_NAME_OCTETS = 255;

/**
 * A name is written here in presentation form and read out as one string: a string per label and
 * their joins were the largest share of the garbage a domain run made. `\DDD` makes one octet four
 * characters, so four times the longest name always fits.
 */
const scratch = Buffer.allocUnsafe(4 * MAX_NAME_OCTETS);
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const ZERO = 0x30;

/** Writes one label in presentation form at `at` in `scratch`; returns where it ends. */
function presentLabel(bytes: Buffer, start: number, end: number, at: number): number {
  for (let index = start; index < end; index += 1) {
    const octet = bytes[index]!;
    if (octet === DOT || octet === BACKSLASH) {
      scratch[at++] = BACKSLASH;
      scratch[at++] = octet;
    } else if (octet > 0x20 && octet < 0x7f) {
      scratch[at++] = octet;
    } else {
      scratch[at++] = BACKSLASH;
      scratch[at++] = ZERO + Math.floor(octet / 100);
      scratch[at++] = ZERO + (Math.floor(octet / 10) % 10);
      scratch[at++] = ZERO + (octet % 10);
    }
  }
  return at;
}

/**
 * Checks the name at `start` and returns where the bytes after it begin; with `present`, also
 * writes it into `scratch` and returns its length there as `written`.
 */
function walkName(bytes: Buffer, start: number, present: boolean): { end: number; written: number } {
  let offset = start;
  let end: number | undefined;
  let octets = 1;
  let written = 0;
  for (let pointers = 0; ; ) {
    const length = bytes[offset];
    if (length === undefined) throw new Error('a name runs past the end of the message');
    if (length === 0) return { end: end ?? offset + 1, written };
    if ((length & 0xc0) === 0xc0) {
      pointers += 1;
      if (pointers > MAX_POINTERS || offset + 1 >= bytes.length) throw new Error('compression pointers loop or run past the end');
      end ??= offset + 2;
      offset = ((length & 0x3f) << 8) | bytes[offset + 1]!;
      continue;
    }
    if (length > 63 || offset + 1 + length > bytes.length) throw new Error('a label is longer than 63 octets or runs past the end');
    octets += 1 + length;
    if (octets > MAX_NAME_OCTETS) throw new Error(`a name is longer than ${MAX_NAME_OCTETS} octets`);
    if (present) {
      if (written > 0) scratch[written++] = DOT;
      written = presentLabel(bytes, offset + 1, offset + 1 + length, written);
    }
    offset += 1 + length;
  }
}

/** The name at `start` in presentation form (no trailing dot), and where the bytes after it begin. */
export function readName(bytes: Buffer, start: number): { name: string; end: number } {
  const { end, written } = walkName(bytes, start, true);
  return { name: scratch.toString('latin1', 0, written), end };
}

/** Where the bytes after the name at `start` begin, the name checked as readName checks it but not read. */
export function skipName(bytes: Buffer, start: number): number {
  return walkName(bytes, start, false).end;
}
