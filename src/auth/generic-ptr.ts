// Signs that a PTR name was assigned to an end-user line, not to a mail server: it spells out the
// address, or carries labels access providers give their pools (Spamhaus PBL and receivers' own
// "generic rDNS" rules look for the same).

/** Words access providers put in the names of dynamic and end-user addresses. */
const END_USER_WORDS = new Set([
  'dyn', 'dynamic', 'dynip', 'dip', 'dsl', 'adsl', 'vdsl', 'xdsl', 'sdsl', 'pool', 'dhcp', 'cable', 'cablemodem', 'dial', 'dialup',
  'ppp', 'pppoe', 'broadband', 'resnet', 'residential', 'cust', 'customer', 'client', 'cpe', 'hsd', 'ftth', 'fttx', 'fttb', 'wlan', 'mobile', 'lte',
]);

function octetPattern(octets: readonly number[]): RegExp {
  const part = (octet: number) => `0{0,${3 - String(octet).length}}${octet}`;
  return new RegExp(`(^|[^0-9])${octets.map(part).join('[-._x]?')}([^0-9]|$)`);
}

/** The address written into the name: its four octets in either order, or as 8 hex digits; an IPv6 interface ID in hex. */
function spellsAddress(name: string, bytes: readonly number[]): boolean {
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  if (bytes.length === 4) {
    return octetPattern(bytes).test(name) || octetPattern([...bytes].reverse()).test(name) || name.replace(/[-.]/g, '').includes(hex);
  }
  const interfaceId = hex.slice(16);
  // An interface ID that is mostly zeros (::25) is a hand-picked server address, not a spelled-out one.
  return /[1-9a-f].*[1-9a-f].*[1-9a-f].*[1-9a-f]/.test(interfaceId) && name.replace(/[-.:]/g, '').includes(interfaceId.replace(/^0+/, ''));
}

/** Why the name looks like an end-user line's, or undefined when it does not. */
export function genericSigns(name: string, bytes: readonly number[]): string | undefined {
  const lower = name.toLowerCase();
  if (spellsAddress(lower, bytes)) return 'it spells out the address';
  const words = lower.split(/[^a-z]+/).filter((word) => END_USER_WORDS.has(word));
  if (words.length > 0) return `it carries "${words[0]}", a word access providers give dynamic and end-user lines`;
  return undefined;
}
