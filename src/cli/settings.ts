// Merges what a run is told: the config file, then command-line flags, which win (`--rule` per
// check id, keeping options the file gave that check).

import { resolve } from 'node:path';
import { selectorProblem } from '../auth/dkim-signature.js';
import { allChecks } from '../../checks/index.js';
import { loadConfig, parseConfigText, type LoadedConfig, type SmtpConfig } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { InputFileError, readTextStream } from '../input/read-text-file.js';
import type { ResolverSettings } from '../dns/create-resolver.js';
import { DEFAULT_DNS_CONCURRENCY, DEFAULT_DNS_TIMEOUT_MS, MAX_DNS_CONCURRENCY, MAX_DNS_TIMEOUT_MS } from '../dns/defaults.js';
import { isSeverity, refuseUnknownCheckIds } from '../engine/rules.js';
import { quoteUserText } from '../input/quote.js';
import type { Profile, RuleSetting } from '../types.js';
import { UsageError, type CliIo } from './io.js';
import type { CommonArguments } from './options.js';

export interface RunSettings extends ResolverSettings {
  rules: Record<string, RuleSetting>;
  profile: Profile;
  /**
   * Blocklists: zone names, or objects with return-code maps, validated by src/dnsbl
   * (undefined = the default lists).
   */
  dnsbl: unknown[] | undefined;
  /** IPs a message will be sent from, checked against the blocklists once per run. */
  sendingIps: string[];
  /** DKIM selectors whose keys are checked for every domain audited (--dkim-selector, dkimSelectors), lower-case. */
  dkimSelectors: string[];
  /** Cap on a message's header section in octets (undefined = the scanner's default). */
  headerLimitBytes?: number | undefined;
  /** The config file this run read, if any (absolute). */
  configPath?: string | undefined;
  /** The config file's `smtp` section (maillint smtp). */
  smtp?: SmtpConfig | undefined;
}

function parseRuleFlag(flag: string): [string, RuleSetting] {
  const match = /^([a-z0-9-]+)=([a-z]+)$/.exec(flag.trim());
  if (!match || !isSeverity(match[2])) {
    throw new UsageError(`--rule ${quoteUserText(flag)}: expected id=error|warn|info|off, e.g. --rule subject-missing=off`);
  }
  return [match[1]!, match[2]];
}

/** A flag's severity replaces the file's for that id; options the file gave the check are kept. */
function mergeRule(fromFile: RuleSetting | undefined, fromFlag: RuleSetting): RuleSetting {
  if (fromFile !== undefined && typeof fromFile !== 'string' && typeof fromFlag === 'string') return [fromFlag, fromFile[1]];
  return fromFlag;
}

/** The same ranges as the config file's "timeout" and "concurrency" (src/dns/defaults.ts says why). */
function checkRange(value: number | undefined, flag: string, maximum: number, whole: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 1 || value > maximum || (whole && !Number.isInteger(value))) {
    throw new UsageError(`${flag} takes ${whole ? 'a whole number' : 'milliseconds'} from 1 to ${maximum}, not ${String(value)}`);
  }
  return value;
}

/** `--dkim-selector SEL` (repeatable), each checked as a selector: a bad one is a usage error. */
function dkimSelectorFlags(flags: readonly string[] | undefined): string[] | undefined {
  if (flags === undefined) return undefined;
  return flags.map((selector) => {
    const problem = selectorProblem(selector);
    if (problem !== undefined) throw new UsageError(`--dkim-selector ${quoteUserText(selector)} is not a DKIM selector: ${problem}`);
    return selector.toLowerCase();
  });
}

/** Config files are small: a stream past this is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** `--config -`: the config file's text from stdin. */
async function configFromStdin(io: CliIo): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readTextStream(io.stdin, '<stdin>', { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    throw new ConfigError(`cannot read config from stdin: ${error instanceof InputFileError ? error.reason : (error as Error).message}`);
  }
  return { path: '<stdin>', settings: await parseConfigText(text, '<stdin>') };
}

/** `inputs`: the command's positional inputs, where `-` is stdin too (lint, bounce). */
export async function buildRunSettings(args: CommonArguments, io: CliIo, inputs: readonly string[] = []): Promise<RunSettings> {
  // Flags typed beside --offline that only a network run uses would be silently ignored; a config
  // file's resolver or lists are shared by online and offline runs, so those stay quiet.
  const networkOnly = (['resolver', 'dnsbl'] as const).filter((name) => args.offline && args[name] !== undefined);
  if (networkOnly.length > 0) {
    throw new UsageError(`${networkOnly.map((name) => `--${name}`).join(' and ')} would be ignored with --offline (no network query is made); drop one or the other`);
  }
  if (args.config === '-' && args.file === '-') throw new UsageError('--config - and --file - both read stdin, which can be read once; give one of them a file');
  if (args.config === '-' && inputs.includes('-')) throw new UsageError('--config - and the input - both read stdin, which can be read once; give one of them a file');
  const config = args.config === '-' ? await configFromStdin(io) : await loadConfig(io.cwd, args.config);
  const file = config?.settings ?? {};
  const rules: Record<string, RuleSetting> = { ...file.rules };
  for (const flag of args.rule) {
    const [id, setting] = parseRuleFlag(flag);
    // Refused here, before rules[id] could read "constructor" off Object.prototype.
    refuseUnknownCheckIds(allChecks, [id]);
    rules[id] = mergeRule(rules[id], setting);
  }
  return {
    rules,
    profile: args.profile ?? file.profile ?? 'final',
    offline: args.offline,
    resolvers: args.resolver ?? file.resolvers ?? [],
    zones: args.zone?.map((zone) => resolve(io.cwd, zone)) ?? file.zones ?? [],
    timeoutMs: checkRange(args.timeout, '--timeout', MAX_DNS_TIMEOUT_MS, false) ?? file.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS,
    concurrency: checkRange(args.concurrency, '--concurrency', MAX_DNS_CONCURRENCY, true) ?? file.concurrency ?? DEFAULT_DNS_CONCURRENCY,
    dnsbl: args.dnsbl ?? file.dnsbl,
    sendingIps: args.ip ?? file.sendingIps ?? [],
    dkimSelectors: dkimSelectorFlags(args['dkim-selector']) ?? file.dkimSelectors ?? [],
    headerLimitBytes: file.headerLimitBytes,
    configPath: config?.path,
    smtp: file.smtp,
  };
}
