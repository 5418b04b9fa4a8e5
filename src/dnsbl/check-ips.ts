// Runs the blocklist checks for sending IPs: the checker the message lint uses for --ip/sendingIps,
// and `checkIps`, the public API behind `maillint ip`.

import { allChecks } from '../../checks/index.js';
import type { Resolver } from '../dns/types.js';
import { enabledRulesFor, resolveRules, type ResolvedRule } from '../engine/rules.js';
import { runGuarded, sortFindings } from '../engine/run-check.js';
import type { IpCheck, Profile, ReportedFinding, RuleSettings, TargetResult } from '../types.js';
import { DEFAULT_BLOCKLISTS, validateBlocklistSettings } from './catalogue.js';
import { createBlocklistGatherer } from './gather.js';
import { parseIpAddress, type ParsedIp } from './query-name.js';
import type { BlocklistDefinition } from './types.js';

export interface IpCheckerOptions {
  resolver: Resolver;
  /** Validated lists (validateBlocklistSettings); default: DEFAULT_BLOCKLISTS. */
  lists?: readonly BlocklistDefinition[];
  rules?: RuleSettings;
  profile?: Profile;
  now?: Date;
}

export interface IpChecker {
  /**
   * Findings of the enabled IP checks for one address, memoised per address for the checker's
   * lifetime (one run). Rejects with InvalidIpAddressError when `ip` is not an address: parse the
   * inputs with parseIpAddress first to report every bad one before anything is queried.
   */
  check(ip: string): Promise<ReportedFinding[]>;
}

function resolveIpRules(rules: RuleSettings | undefined, profile: Profile | undefined): ResolvedRule<IpCheck>[] {
  return enabledRulesFor(resolveRules(allChecks, rules, profile), 'ip');
}

export function createIpChecker(options: IpCheckerOptions): IpChecker {
  const rules = resolveIpRules(options.rules, options.profile);
  const needsLookups = rules.some((rule) => rule.check.needs.includes('dnsbl'));
  const gatherer = createBlocklistGatherer(options.resolver, options.lists ?? DEFAULT_BLOCKLISTS);
  const now = options.now ?? new Date();
  const results = new Map<string, Promise<ReportedFinding[]>>();

  async function run(ip: ParsedIp): Promise<ReportedFinding[]> {
    // With every blocklist check off there is nothing to ask the lists.
    if (!needsLookups) return [];
    const facts = await gatherer.gather(ip);
    const findings: ReportedFinding[] = [];
    for (const rule of rules) {
      findings.push(...runGuarded(rule, () => rule.check.run({ ip: facts, options: rule.options, now })));
    }
    return sortFindings(findings);
  }

  return {
    async check(input) {
      const ip = parseIpAddress(input);
      let pending = results.get(ip.address);
      if (!pending) {
        pending = run(ip);
        results.set(ip.address, pending);
      }
      // Copies, so a caller editing its findings does not change another target's.
      return (await pending).map((finding) => ({ ...finding }));
    },
  };
}

export interface CheckIpsOptions {
  /** The resolver to ask; the caller closes it. Default: the system resolver, closed afterwards. */
  resolver?: Resolver;
  /** Blocklists as in the config file's `dnsbl`: zone names or objects. Default: the default lists. */
  lists?: readonly unknown[];
  rules?: RuleSettings;
  profile?: Profile;
  now?: Date;
}

/**
 * Checks sending IPs against the blocklists. One result per input, in input order, `target` the
 * address as written. Throws InvalidIpAddressError (naming the input) before any query when an
 * input is not an IP address, and ConfigError for bad list settings.
 */
export async function checkIps(ips: readonly string[], options: CheckIpsOptions = {}): Promise<TargetResult[]> {
  for (const ip of ips) parseIpAddress(ip);
  const lists = options.lists === undefined ? DEFAULT_BLOCKLISTS : validateBlocklistSettings(options.lists);
  const resolver = options.resolver ?? (await systemResolver());
  try {
    const checker = createIpChecker({ ...options, resolver, lists });
    return await Promise.all(ips.map(async (ip) => ({ target: ip, findings: await checker.check(ip) })));
  } finally {
    if (!options.resolver) await resolver.close?.();
  }
}

/** The nameservers of /etc/resolv.conf, with the default deadline and concurrency. */
async function systemResolver(): Promise<Resolver> {
  const { createNetworkResolver } = await import('../dns/network-resolver.js');
  return createNetworkResolver();
}
