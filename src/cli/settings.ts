// Merges what a run is told: the config file (later), then command-line flags, which win.

import { isSeverity } from '../engine/rules.js';
import type { Profile, RuleSetting } from '../types.js';
import { UsageError, type CliIo } from './io.js';
import type { CommonArguments } from './options.js';

export interface RunSettings {
  rules: Record<string, RuleSetting>;
  profile: Profile;
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
  return { rules, profile: args.profile ?? 'final' };
}
