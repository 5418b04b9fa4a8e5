// The ip target of a run: each sending IP's `dnsbl` fact gathered once per run, the IP checks run on it.

import { createBlocklistGatherer } from '../dnsbl/gather.js';
import { parseIpAddress } from '../net/ip.js';
import type { BlocklistDefinition } from '../dnsbl/types.js';
import type { Resolver } from '../dns/types.js';
import type { ReportedFinding } from '../types.js';
import { neededFacts, type RuleSet } from './rules.js';
import { runRules } from './run-check.js';

export interface IpChecks {
  /** Findings for one address; rejects with InvalidIpAddressError when it is not one. */
  check(ip: string): Promise<ReportedFinding[]>;
}

export function createIpChecks(rules: RuleSet, resolver: Resolver, lists: readonly BlocklistDefinition[], now: Date): IpChecks {
  const needsLists = neededFacts(rules.ip).has('dnsbl');
  const gatherer = createBlocklistGatherer(resolver, lists);
  const results = new Map<string, Promise<ReportedFinding[]>>();
  return {
    async check(input) {
      const ip = parseIpAddress(input);
      let pending = results.get(ip.address);
      if (!pending) {
        // With every blocklist check off there is nothing to ask the lists.
        pending = needsLists ? gatherer.gather(ip).then((facts) => runRules(rules.ip, { ip: facts, now })) : Promise.resolve([]);
        results.set(ip.address, pending);
      }
      // Copies, so a caller editing its findings does not change another target's.
      return (await pending).map((finding) => ({ ...finding }));
    },
  };
}
