// The ip target of a run: each sending IP's facts (as its enabled checks' `needs` name them)
// gathered once per run, the IP checks run on them.

import { gatherPtrFacts } from '../auth/ptr.js';
import { createBlocklistGatherer } from '../dnsbl/gather.js';
import type { BlocklistDefinition } from '../dnsbl/types.js';
import type { Resolver } from '../dns/types.js';
import { parseIpAddress, type ParsedIp } from '../net/ip.js';
import type { IpFactValues, ReportedFinding } from '../types.js';
import { neededFacts, type RuleSet } from './rules.js';
import { runRules } from './run-check.js';

export interface IpChecks {
  /** Findings for one address; rejects with InvalidIpAddressError when it is not one. */
  check(ip: string): Promise<ReportedFinding[]>;
}

type IpGatherers = { [Fact in keyof IpFactValues]: (ip: ParsedIp) => Promise<IpFactValues[Fact]> };

/** One gatherer per IP fact, for this run's resolver and lists: a fact without one does not compile. */
function ipGatherers(resolver: Resolver, lists: readonly BlocklistDefinition[]): IpGatherers {
  const blocklists = createBlocklistGatherer(resolver, lists);
  return {
    dnsbl: async (ip) => ({ ip: await blocklists.gather(ip) }),
    ptr: async (ip) => ({ ptr: await gatherPtrFacts(ip, resolver) }),
  };
}

export function createIpChecks(rules: RuleSet, resolver: Resolver, lists: readonly BlocklistDefinition[], now: Date): IpChecks {
  const needed = neededFacts(rules.ip);
  const gatherers = ipGatherers(resolver, lists);
  const results = new Map<string, Promise<ReportedFinding[]>>();

  async function checkAddress(ip: ParsedIp): Promise<ReportedFinding[]> {
    // With every IP check off there is nothing to ask.
    if (needed.size === 0) return [];
    const facts = await Promise.all([...needed].map((fact) => gatherers[fact](ip)));
    // Every enabled check's needs were gathered: the union covers each check's own.
    return runRules(rules.ip, { address: ip.address, now, ...Object.assign({}, ...facts) } as never);
  }

  return {
    async check(input) {
      const ip = parseIpAddress(input);
      let pending = results.get(ip.address);
      if (!pending) {
        pending = checkAddress(ip);
        results.set(ip.address, pending);
      }
      // Copies, so a caller editing its findings does not change another target's.
      return (await pending).map((finding) => ({ ...finding }));
    },
  };
}
