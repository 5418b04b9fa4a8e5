// Names read off the wire label by label. A name keeps its labels by writing them in zone-file
// presentation form (RFC 1035 5.1): "." and "\" inside a label as `\.` and `\\`, octets outside
// printable ASCII as `\DDD` (dns2 joined labels with "." whatever they held, so the one label
// `mail.relay` came out as two). Such a name is never sent as a query (dns-name.ts).

/** More compression pointers than any sound name needs; past it the name loops. */
const MAX_POINTERS = 127;
/** RFC 1035 2.3.4: a name on the wire, length octets and the root label included. */
const MAX_NAME_OCTETS = 255;

/** One label in presentation form. */
function presentLabel(bytes: Buffer, start: number, end: number): string {
  let plain = true;
  for (let index = start; index < end && plain; index += 1) {
    const octet = bytes[index]!;
    plain = octet > 0x20 && octet < 0x7f && octet !== 0x2e && octet !== 0x5c;
  }
  if (plain) return bytes.toString('latin1', start, end);
  let text = '';
  for (let index = start; index < end; index += 1) {
    const octet = bytes[index]!;
    if (octet === 0x2e || octet === 0x5c) text += `\\${String.fromCharCode(octet)}`;
    else if (octet > 0x20 && octet < 0x7f) text += String.fromCharCode(octet);
    else text += `\\${String(octet).padStart(3, '0')}`;
  }
  return text;
}

/** The name at `start` in presentation form (no trailing dot), and where the bytes after it begin. */
export function readName(bytes: Buffer, start: number): { name: string; end: number } {
  let name = '';
  let offset = start;
  let end: number | undefined;
  let octets = 1;
  for (let pointers = 0; ; ) {
    const length = bytes[offset];
    if (length === undefined) throw new Error('a name runs past the end of the message');
    if (length === 0) return { name, end: end ?? offset + 1 };
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
    const label = presentLabel(bytes, offset + 1, offset + 1 + length);
    name = name === '' ? label : `${name}.${label}`; // no label is empty: length 0 ends the name
    offset += 1 + length;
  }
}
