// IP address text read as node:net reads it (isIP, isIPv4, isIPv6), without node:net: a short run
// that only validates a literal or a config's sendingIps would otherwise load node:net and its
// streams for one function, ~2 ms of CPU of a start on Node 24 (issue 15, `npm run bench -- startup`).
// test/net/ip.test.ts holds each equal to node's on chosen and random text.

/**
 * node:net isIPv4: four decimal numbers 0-255 joined by dots, ASCII digits, no leading zero, nothing
 * else. By hand rather than a pattern: a RegExp compiles on first use, in every run that meets one.
 */
export function isIpv4Text(text: string): boolean {
  let parts = 0;
  let index = 0;
  for (;;) {
    const start = index;
    let value = 0;
    while (index < text.length && index - start < 4) {
      const code = text.charCodeAt(index);
      if (code < 48 || code > 57) break;
      value = value * 10 + (code - 48);
      index += 1;
    }
    const digits = index - start;
    if (digits === 0 || digits > 3 || value > 255 || (digits > 1 && text.charCodeAt(start) === 48)) return false;
    parts += 1;
    if (parts === 4) return index === text.length;
    if (text.charCodeAt(index) !== 46) return false;
    index += 1;
  }
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ZONE_INDEX = /^[0-9a-zA-Z.:-]+$/;

/**
 * The 16-bit groups of one side of an IPv6 address's "::" (the whole address when it has none), or
 * undefined when a piece is not 1-4 hex digits or a dotted IPv4 tail (which stands for the last two
 * groups, and may only come last).
 */
function groupsOf(part: string, isLastPart: boolean): number[] | undefined {
  const groups: number[] = [];
  if (part === '') return groups;
  for (let start = 0; ; ) {
    const colon = part.indexOf(':', start);
    const piece = colon === -1 ? part.slice(start) : part.slice(start, colon);
    if (HEX_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else if (colon === -1 && isLastPart && piece.includes('.') && isIpv4Text(piece)) {
      const [a, b, c, d] = piece.split('.').map(Number) as [number, number, number, number];
      groups.push(a * 256 + b, c * 256 + d);
    } else {
      return undefined;
    }
    if (colon === -1) return groups;
    start = colon + 1;
  }
}

/**
 * The 16 octets of IPv6 text (without a zone index) as node:net isIPv6 accepts it, or undefined.
 * Validating and reading in one pass: a domain run reads thousands of AAAA addresses.
 */
export function ipv6OctetsOrUndefined(address: string): number[] | undefined {
  const gap = address.indexOf('::');
  if (gap !== -1 && address.indexOf('::', gap + 1) !== -1) return undefined;
  const left = groupsOf(gap === -1 ? address : address.slice(0, gap), gap === -1);
  const right = gap === -1 ? [] : groupsOf(address.slice(gap + 2), true);
  if (left === undefined || right === undefined) return undefined;
  const missing = 8 - left.length - right.length;
  if (gap === -1 ? missing !== 0 : missing < 1) return undefined;
  const octets: number[] = [];
  for (const group of left) octets.push(group >> 8, group & 0xff);
  for (let index = 0; index < missing; index += 1) octets.push(0, 0);
  for (const group of right) octets.push(group >> 8, group & 0xff);
  return octets;
}

/**
 * node:net isIPv6, read piece by piece: node's pattern for it costs ~5 ms of CPU to compile on first
 * use, more than a short run spends on every address it sees (test/net/ip.test.ts holds the two equal).
 */
export function isIpv6Text(text: string): boolean {
  const percent = text.indexOf('%');
  if (percent !== -1 && !ZONE_INDEX.test(text.slice(percent + 1))) return false;
  return ipv6OctetsOrUndefined(percent === -1 ? text : text.slice(0, percent)) !== undefined;
}

/** node:net isIP: 4, 6 or 0. */
export function ipFamilyOf(text: string): 0 | 4 | 6 {
  if (!text.includes(':')) return isIpv4Text(text) ? 4 : 0;
  return isIpv6Text(text) ? 6 : 0;
}

