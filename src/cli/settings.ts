// Merges what a run is told: the config file (later), then command-line flags, which win.

import { isSeverity } from '../engine/rules.js';
import type { Profile, RuleSetting } from '../types.js';
import { UsageError, type CliIo } from './io.js';
import type { CommonArguments } from './options.js';

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_CONCURRENCY = 32;

export interface RunSettings {
  rules: Record<string, RuleSetting>;
  profile: Profile;
  /** No network: DNS answers come only from `zones` (names outside them are not looked up). */
  offline: boolean;
  /** Nameservers as `host`, `host:port` or `[v6]:port`; empty = /etc/resolv.conf. */
  resolvers: string[];
  /** Master-format zone files answered locally. */
  zones: string[];
  timeoutMs: number;
  concurrency: number;
  /**
   * Blocklists: zone names, or objects with return-code maps, validated by src/dnsbl
   * (undefined = the default lists).
   */
  dnsbl: unknown[] | undefined;
  /** IPs a message will be sent from, checked against the blocklists once per run. */
  sendingIps: string[];
}

export function parseRuleFlag(flag: string): [string, RuleSetting] {
  const match = /^([a-z0-9-]+)=([a-z]+)$/.exec(flag.trim());
  if (!match || !isSeverity(match[2])) {
    throw new UsageError(`--rule ${JSON.stringify(flag)}: expected id=error|warn|info|off, e.g. --rule subject-missing=off`);
  }
  return [match[1]!, match[2]];
}

export async function buildRunSettings(args: CommonArguments, _io: CliIo): Promise<RunSettings> {
  const rules: Record<string, RuleSetting> = {};
  for (const flag of args.rule) {
    const [id, setting] = parseRuleFlag(flag);
    rules[id] = setting;
  }
  return {
    rules,
    profile: args.profile ?? 'final',
    offline: args.offline,
    resolvers: args.resolver ?? [],
    zones: args.zone ?? [],
    timeoutMs: args.timeout ?? DEFAULT_TIMEOUT_MS,
    concurrency: args.concurrency ?? DEFAULT_CONCURRENCY,
    dnsbl: args.dnsbl,
    sendingIps: args.ip ?? [],
  };
}
