// Host-name validation for mail: the domain of an address, an MX exchange, a name given on the CLI.
//
// Rules (RFC 1035 2.3.1 and 2.3.4, RFC 1123 2.1, RFC 5321 2.3.5 and 4.5.3.1.2):
// - at most 253 octets without the trailing dot (255 on the wire), labels of 1–63 octets;
// - LDH labels: letters, digits and hyphen, not starting or ending with a hyphen;
// - no underscore: `_` is legal in DNS names (`_dmarc.example.com`) but not in a host name that mail
//   is addressed to; callers auditing such service names pass `allowUnderscore`;
// - at least one dot: a single label (`localhost`, `mailhost`) is not a name mail can be routed to;
// - the top-level label is not all-numeric (RFC 3696 2), which also keeps `192.0.2.1` out;
// - an IP address is not a host name (say so rather than report a "numeric TLD").
// IDN: an A-label (`xn--…`) must be valid Punycode that decodes to a non-ASCII U-label which
// encodes back to the same A-label (RFC 5890 2.3.2.1, RFC 5891 5.4); a name with U-labels
// (non-ASCII) is converted with node:url `domainToASCII` (UTS #46 processing) and the converted
// name is validated.
// Hand-written because the rules are short and the libraries at hand (tldts, node:url) are
// deliberately lenient: both accept underscores and empty labels.

import { ipFamilyOf } from '../net/ip-text.js';
import { domainToASCII } from 'node:url';

import { decodePunycode } from './punycode.js';

export type HostnameResult = { ok: true; normalized: string } | { ok: false; reason: string };
export type LabelResult = { ok: true } | { ok: false; reason: string };

export interface HostnameOptions {
  /** Accept `_` in labels (DNS service names such as `_dmarc.example.com`); off for mail host names. */
  allowUnderscore?: boolean;
}

export const MAX_HOSTNAME_OCTETS = 253;
export const MAX_LABEL_OCTETS = 63;

const NON_ASCII = /[^\x00-\x7f]/;
const MAY_BE_IP = /^[\d.]+$|:/;
// The label separators of UTS #46: full stop, ideographic, fullwidth and halfwidth ideographic.
const IDNA_LABEL_SEPARATORS = /[.\u3002\uff0e\uff61]/;
// Module constants, not literals in the functions: a literal makes a RegExp object per call, and a
// domain run validates every label of thousands of names.
const LDH_LABEL = /^[A-Za-z0-9-]+$/;
const SERVICE_LABEL = /^[A-Za-z0-9_-]+$/;
const A_LABEL_PREFIX = /^xn--/i;
const ALL_DIGITS = /^[0-9]+$/;
const LABEL_OK: LabelResult = { ok: true };

/** Validates one DNS label of a host name (ASCII; convert U-labels first). */
export function validateDnsLabel(label: string, options: HostnameOptions = {}): LabelResult {
  if (label.length === 0) return { ok: false, reason: 'empty label (two dots in a row, or a leading dot)' };
  if (label.length > MAX_LABEL_OCTETS) {
    return { ok: false, reason: `label "${shorten(label)}" is ${label.length} octets long; the limit is ${MAX_LABEL_OCTETS}` };
  }
  const allowed = options.allowUnderscore ? SERVICE_LABEL : LDH_LABEL;
  if (!allowed.test(label)) {
    const bad = [...label].find((character) => !allowed.test(character)) ?? '';
    if (bad === '_') {
      return { ok: false, reason: `label "${label}" contains "_": legal in DNS names, but not in a mail host name (letters, digits and hyphens only)` };
    }
    return { ok: false, reason: `label "${shorten(label)}" contains ${describeCharacter(bad)}; host names use letters, digits and hyphens only` };
  }
  if (label.startsWith('-') || label.endsWith('-')) {
    return { ok: false, reason: `label "${label}" starts or ends with a hyphen` };
  }
  if (A_LABEL_PREFIX.test(label) && !isValidALabel(label)) {
    return { ok: false, reason: `label "${label}" is not valid Punycode (an "xn--" A-label must decode to a valid IDN label)` };
  }
  return LABEL_OK;
}

/**
 * Validates a host name for mail. One trailing dot (a fully qualified name) is accepted and dropped;
 * `normalized` is the lower-case ASCII (A-label) form.
 */
export function validateHostname(name: string, options: HostnameOptions = {}): HostnameResult {
  if (name.length === 0) return { ok: false, reason: 'empty host name' };
  if (name.startsWith('[') && name.endsWith(']')) {
    return { ok: false, reason: `"${shorten(name)}" is an address literal, not a host name` };
  }
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  // Only text of digits and dots, or with a colon, can be an IP address; asking node:net first
  // costs every run the compile of its address patterns (~4 ms of a one-file run).
  if (MAY_BE_IP.test(bare) && ipFamilyOf(bare) !== 0) return { ok: false, reason: `"${bare}" is an IP address, not a host name` };

  let ascii = bare;
  if (NON_ASCII.test(bare)) {
    // Cap before conversion: a U-label name can only grow when converted.
    if (bare.length > MAX_HOSTNAME_OCTETS) return tooLong(bare.length);
    const badALabel = findBadALabel(bare, options);
    if (badALabel) return badALabel;
    ascii = domainToASCII(bare);
    if (ascii === '') {
      return { ok: false, reason: `"${shorten(bare)}" is not a valid internationalized domain name (IDNA conversion failed)` };
    }
    if (ascii.endsWith('.')) ascii = ascii.slice(0, -1);
  }

  if (ascii.length > MAX_HOSTNAME_OCTETS) return tooLong(ascii.length);
  const labels = ascii.split('.');
  for (const label of labels) {
    const result = validateDnsLabel(label, options);
    if (!result.ok) return result;
  }
  if (labels.length < 2) {
    return { ok: false, reason: `"${shorten(ascii)}" has no dot: a single-label name is not a routable mail domain` };
  }
  const topLevel = labels[labels.length - 1] ?? '';
  if (ALL_DIGITS.test(topLevel)) {
    return { ok: false, reason: `top-level label "${topLevel}" is all-numeric; no real TLD is` };
  }
  return { ok: true, normalized: ascii.toLowerCase() };
}

// Beside U-labels, Node 20's domainToASCII refuses a bad A-label while Node 24's passes it on;
// checking A-labels first gives the same verdict on both. NFKC and lower case as UTS #46 maps.
function findBadALabel(name: string, options: HostnameOptions): { ok: false; reason: string } | undefined {
  for (const label of name.normalize('NFKC').toLowerCase().split(IDNA_LABEL_SEPARATORS)) {
    if (!label.startsWith('xn--') || NON_ASCII.test(label)) continue;
    const result = validateDnsLabel(label, options);
    if (!result.ok) return result;
  }
  return undefined;
}

// Decoded here, not by domainToASCII(label): that rejects a bad A-label on Node 20 and passes it
// through on Node 24. Encoding the U-label back also catches non-NFC and dot-holding labels.
function isValidALabel(label: string): boolean {
  const unicode = decodePunycode(label.slice('xn--'.length));
  if (unicode === undefined || !NON_ASCII.test(unicode)) return false;
  return domainToASCII(unicode) === label.toLowerCase();
}

function tooLong(octets: number): HostnameResult {
  return { ok: false, reason: `host name is ${octets} octets long; the limit is ${MAX_HOSTNAME_OCTETS}` };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function describeCharacter(character: string): string {
  if (character === ' ') return 'a space';
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${character}"`;
}
