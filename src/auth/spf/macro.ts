// SPF macro expansion (RFC 7208 7). Strings reach here already checked by macroStringProblem
// (src/auth/spf/parse.ts); a malformed macro is copied as it is rather than guessed at.

export interface MacroValues {
  /** <sender>: local-part@domain. */
  sender: string;
  localPart: string;
  senderDomain: string;
  /** <domain>: the domain of the current check_host() call. */
  domain: string;
  /** The client IP as macros spell it: dotted quad, or 32 dotted nibbles for IPv6. */
  ipDotted: string;
  /** The client IP as people read it (the "c" macro). */
  ipReadable: string;
  family: 4 | 6;
  helo: string;
  /** Seconds since the epoch (the "t" macro). */
  timestamp: number;
  /** The validated domain name of the IP (the "p" macro): looked up only when a macro asks. */
  validatedName: () => Promise<string>;
}

const MACRO = /%\{([a-z])(\d*)(r?)([-.+,/_=]*)\}|%%|%_|%-/gi;

/** The string with every macro expanded. */
export async function expandMacros(text: string, values: MacroValues): Promise<string> {
  const pieces: string[] = [];
  let last = 0;
  for (const match of text.matchAll(MACRO)) {
    pieces.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0] === '%%') pieces.push('%');
    else if (match[0] === '%_') pieces.push(' ');
    else if (match[0] === '%-') pieces.push('%20');
    else pieces.push(await expandOne(match[1]!, match[2]!, match[3] === 'r' || match[3] === 'R', match[4]!, values));
  }
  pieces.push(text.slice(last));
  return pieces.join('');
}

async function expandOne(letter: string, digits: string, reverse: boolean, delimiters: string, values: MacroValues): Promise<string> {
  const value = await macroValue(letter.toLowerCase(), values);
  const splitOn = delimiters === '' ? '.' : delimiters;
  let parts = value.split(new RegExp(`[${splitOn.replace(/[-\]\\^/]/g, '\\$&')}]`));
  if (reverse) parts = parts.reverse();
  if (digits !== '') parts = parts.slice(Math.max(0, parts.length - Number(digits)));
  const joined = parts.join('.');
  // An upper-case macro letter asks for URL escaping (RFC 7208 7.3).
  return letter === letter.toUpperCase() ? urlEscape(joined) : joined;
}

async function macroValue(letter: string, values: MacroValues): Promise<string> {
  switch (letter) {
    case 's':
      return values.sender;
    case 'l':
      return values.localPart;
    case 'o':
      return values.senderDomain;
    case 'd':
      return values.domain;
    case 'i':
      return values.ipDotted;
    case 'p':
      return values.validatedName();
    case 'v':
      return values.family === 4 ? 'in-addr' : 'ip6';
    case 'h':
      return values.helo;
    case 'c':
      return values.ipReadable;
    case 'r':
      return 'unknown';
    case 't':
      return String(values.timestamp);
    default:
      return '';
  }
}

/** RFC 3986 escaping of everything outside the unreserved characters. */
function urlEscape(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((octet) => {
      const character = String.fromCharCode(octet);
      return /[A-Za-z0-9\-._~]/.test(character) ? character : `%${octet.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** RFC 7208 7.3: an expanded domain over 253 octets loses labels on the left until it fits. */
export function shortenDomain(name: string): string {
  let shortened = name.endsWith('.') ? name.slice(0, -1) : name;
  while (shortened.length > 253) {
    const dot = shortened.indexOf('.');
    if (dot === -1) return shortened;
    shortened = shortened.slice(dot + 1);
  }
  return shortened;
}

/** The IP's macro spelling: dotted quad, or the 32 nibbles of an IPv6 address joined with dots. */
export function dottedIp(bytes: readonly number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  return bytes
    .flatMap((byte) => [byte >> 4, byte & 15])
    .map((nibble) => nibble.toString(16))
    .join('.');
}
