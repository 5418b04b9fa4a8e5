// The default blocklists, their return-code maps, and validation of user-configured lists.
// Code meanings are the operators' published ones (Spamhaus "DNSBL return codes", SpamCop and
// Barracuda usage pages); delisting hints name each operator's own lookup/removal page. SORBS, shut
// down in 2024, is deliberately not a default.

import { ipaddr } from '../net/ipaddr-on-demand.js';
import { validateHostname } from '../dns/hostname.js';
import { ConfigError } from '../errors.js';
import { quoteUserText, showUserValue } from '../input/quote.js';
import { QUERY_PREFIX_OCTETS } from './query-name.js';
import type { BlocklistDefinition } from './types.js';

const SPAMHAUS_ZEN: BlocklistDefinition = {
  zone: 'zen.spamhaus.org',
  name: 'Spamhaus ZEN',
  codes: {
    '127.0.0.2': 'SBL: Spamhaus Block List, a verified spam source or spam operation',
    '127.0.0.3': 'SBL CSS: Spamhaus CSS, an address seen sending low-reputation (snowshoe) mail',
    '127.0.0.4': 'XBL: Exploits Block List, a host infected or hijacked by a botnet',
    '127.0.0.5': 'XBL: Exploits Block List, a host infected or hijacked by a botnet',
    '127.0.0.6': 'XBL: Exploits Block List, a host infected or hijacked by a botnet',
    '127.0.0.7': 'XBL: Exploits Block List, a host infected or hijacked by a botnet',
    '127.0.0.9': 'SBL DROP: a network Spamhaus lists as hijacked or controlled by criminals (Don\'t Route Or Peer)',
    '127.0.0.10': 'PBL, ISP maintained: the provider says this range should not send mail directly to MX servers',
    '127.0.0.11': 'PBL, Spamhaus maintained: a dynamic or end-user range that should not send mail directly to MX servers',
    '127.255.255.252': 'refused: typing error in the DNSBL zone name',
    '127.255.255.254': 'refused: the query came through a public or open resolver (Spamhaus answers only queries from your own resolver, or via its Data Query Service)',
    '127.255.255.255': 'refused: excessive number of queries from this resolver',
  },
  dynamicCodes: ['127.0.0.10', '127.0.0.11'],
  refusalCodes: ['127.255.255.252', '127.255.255.254', '127.255.255.255'],
  ipv6: true,
  delisting:
    'look the address up in the Spamhaus IP and Domain Reputation Checker (check.spamhaus.org), which names the listing and the removal procedure',
};

const SPAMCOP: BlocklistDefinition = {
  zone: 'bl.spamcop.net',
  name: 'SpamCop',
  codes: { '127.0.0.2': 'listed: SpamCop users reported spam from this address' },
  dynamicCodes: [],
  refusalCodes: [],
  ipv6: false,
  delisting:
    'look the address up on the SpamCop blocking list page (spamcop.net/bl.shtml); listings expire on their own 24 hours after the last report, once the spam stops',
};

const BARRACUDA: BlocklistDefinition = {
  zone: 'b.barracudacentral.org',
  name: 'Barracuda Reputation Block List',
  codes: { '127.0.0.2': 'listed: poor sending reputation at Barracuda Central' },
  dynamicCodes: [],
  refusalCodes: [],
  ipv6: false,
  delisting: 'request removal through the Barracuda Central removal request form (barracudacentral.org/rbl/removal-request)',
};

export const DEFAULT_BLOCKLISTS: readonly BlocklistDefinition[] = [SPAMHAUS_ZEN, SPAMCOP, BARRACUDA];

const KNOWN_BLOCKLISTS = new Map(DEFAULT_BLOCKLISTS.map((list) => [list.zone, list]));

const OBJECT_KEYS = ['zone', 'name', 'codes', 'dynamicCodes', 'refusalCodes', 'ipv6', 'delisting'] as const;

function fail(where: string, message: string): never {
  throw new ConfigError(`${where}: ${message}`);
}

function normalizeZone(value: unknown, where: string, ipv6: boolean): string {
  if (typeof value !== 'string') fail(where, 'the list\'s zone must be a string such as "zen.spamhaus.org"');
  const result = validateHostname(value, { allowUnderscore: true });
  if (!result.ok) fail(where, `zone ${quoteUserText(value)} is not a valid DNS name: ${result.reason}`);
  // The reversed address goes in front of the zone, and the whole name must fit 253 octets.
  const room = 253 - QUERY_PREFIX_OCTETS[ipv6 ? 6 : 4];
  if (result.normalized.length > room) {
    fail(where, `zone "${result.normalized}" is ${result.normalized.length} octets long; with the reversed address in front the name would exceed 253 octets (at most ${room})`);
  }
  return result.normalized;
}

/** A return code is an IPv4 address in 127.0.0.0/8 (RFC 5782 2.3). */
function normalizeCode(value: unknown, where: string): string {
  if (typeof value !== 'string' || !ipaddr().IPv4.isValidFourPartDecimal(value)) {
    fail(where, `return code ${showUserValue(value)} is not a dotted-quad IPv4 address such as "127.0.0.2"`);
  }
  const address = ipaddr().IPv4.parse(value);
  if (address.octets[0] !== 127) fail(where, `return code "${value}" is outside 127.0.0.0/8, where RFC 5782 return codes live`);
  return address.toString();
}

function codeList(value: unknown, where: string, key: string): string[] {
  if (!Array.isArray(value)) fail(where, `"${key}" must be an array of return codes such as ["127.0.0.10"]`);
  return value.map((code) => normalizeCode(code, `${where}.${key}`));
}

function fromObject(entry: Record<string, unknown>, where: string): BlocklistDefinition {
  for (const key of Object.keys(entry)) {
    if (!(OBJECT_KEYS as readonly string[]).includes(key)) fail(where, `unknown key ${quoteUserText(key)} (keys: ${OBJECT_KEYS.join(', ')})`);
  }
  if (entry.ipv6 !== undefined && typeof entry.ipv6 !== 'boolean') fail(where, '"ipv6" must be true or false');
  const known = typeof entry.zone === 'string' ? KNOWN_BLOCKLISTS.get(entry.zone.toLowerCase().replace(/\.$/, '')) : undefined;
  const ipv6 = (entry.ipv6 as boolean | undefined) ?? known?.ipv6 ?? false;
  const zone = normalizeZone(entry.zone, where, ipv6);
  if (entry.name !== undefined && (typeof entry.name !== 'string' || entry.name.trim() === '')) fail(where, '"name" must be a non-empty string');
  if (entry.delisting !== undefined && typeof entry.delisting !== 'string') fail(where, '"delisting" must be a string');

  let codes: Record<string, string> = { ...known?.codes };
  if (entry.codes !== undefined) {
    if (typeof entry.codes !== 'object' || entry.codes === null || Array.isArray(entry.codes)) {
      fail(where, '"codes" must be an object mapping return codes to meanings, e.g. {"127.0.0.2": "spam source"}');
    }
    codes = {};
    for (const [code, meaning] of Object.entries(entry.codes)) {
      if (typeof meaning !== 'string') fail(`${where}.codes`, `the meaning of ${quoteUserText(code)} must be a string`);
      codes[normalizeCode(code, `${where}.codes`)] = meaning;
    }
  }
  return {
    zone,
    name: (entry.name as string | undefined) ?? known?.name ?? zone,
    codes,
    dynamicCodes: entry.dynamicCodes !== undefined ? codeList(entry.dynamicCodes, where, 'dynamicCodes') : (known?.dynamicCodes ?? []),
    refusalCodes: entry.refusalCodes !== undefined ? codeList(entry.refusalCodes, where, 'refusalCodes') : (known?.refusalCodes ?? []),
    ipv6,
    ...((entry.delisting ?? known?.delisting) !== undefined ? { delisting: (entry.delisting ?? known?.delisting) as string } : {}),
  };
}

/**
 * Validates blocklist settings from the config file (`dnsbl`) or the command line (`--dnsbl ZONE`).
 * Each entry is a zone name or an object `{ zone, name?, codes?, dynamicCodes?, refusalCodes?,
 * ipv6?, delisting? }`. A zone of a default list starts from that list's code map (an object's keys
 * override it); any other zone starts from no code meanings and IPv4 only. Throws ConfigError.
 */
export function validateBlocklistSettings(value: readonly unknown[], source = 'dnsbl'): BlocklistDefinition[] {
  if (!Array.isArray(value)) throw new ConfigError(`${source} must be an array of blocklist zones or objects`);
  if (value.length === 0) {
    throw new ConfigError(`${source} is empty, so no blocklist would be checked; leave it out to use the default lists`);
  }
  const seen = new Set<string>();
  return value.map((entry, index) => {
    // Command-line zones are named as written; config entries by their position.
    const where = typeof entry === 'string' && source.startsWith('--') ? `${source} ${JSON.stringify(entry)}` : `${source}[${index}]`;
    let list: BlocklistDefinition;
    if (typeof entry === 'string') {
      const known = KNOWN_BLOCKLISTS.get(entry.toLowerCase().replace(/\.$/, ''));
      list = known ?? fromObject({ zone: entry }, where);
    } else if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
      list = fromObject(entry as Record<string, unknown>, where);
    } else {
      fail(where, 'each blocklist is a zone name or an object with a "zone" key');
    }
    if (seen.has(list.zone)) fail(where, `blocklist "${list.zone}" is listed twice`);
    seen.add(list.zone);
    return list;
  });
}
