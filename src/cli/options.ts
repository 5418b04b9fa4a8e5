// Every option of the CLI, as one table, and which commands take which: yargs builds each command's
// `--help` and refuses options a command does not take from it, and the fast path
// (src/cli/fast-path.ts) hands lint's part of the same table to node:util parseArgs, so both read a
// command line alike.

import type { Argv, Options } from 'yargs';
import { FORMAT_NAMES } from '../report/format-names.js';

export const OPTIONS = {
  format: { alias: 'f', choices: FORMAT_NAMES, default: 'stylish', describe: 'Report format', group: 'Output:' },
  output: { alias: 'o', type: 'string', describe: 'Write the report to this file instead of stdout (- for stdout)', group: 'Output:' },
  quiet: { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only; no progress line', group: 'Output:' },
  'max-warnings': { type: 'number', describe: 'Exit 1 when there are more warnings than this', group: 'Output:' },
  rule: {
    alias: 'r',
    type: 'string',
    array: true,
    default: [],
    describe: "Set a check's severity: id=error|warn|info|off (repeatable)",
    group: 'Checks:',
  },
  config: { alias: 'c', type: 'string', describe: 'Config file (default: maillint.config.json found upward; - for stdin)', group: 'Checks:' },
  profile: { choices: ['final', 'template'], describe: 'final (default) or template: Date/Message-ID absent is only info', group: 'Checks:' },
  offline: { type: 'boolean', default: false, describe: 'Make no network DNS queries (zone files still answer)', group: 'DNS:' },
  resolver: { type: 'string', array: true, describe: 'Nameserver host[:port] or [v6]:port (repeatable; default: /etc/resolv.conf)', group: 'DNS:' },
  zone: { type: 'string', array: true, describe: 'Answer DNS queries from this master-format zone file (repeatable)', group: 'DNS:' },
  timeout: { type: 'number', describe: 'Deadline of one DNS query, or of one SMTP step, in milliseconds (default 5000; smtp 10000, and the whole SMTP dialogue 10 times that, at least 30 s)', group: 'DNS:' },
  concurrency: { type: 'number', describe: 'DNS queries in flight at once (default 48)', group: 'DNS:' },
  ip: { type: 'string', array: true, describe: 'Sending IP of the messages: checked against blocklists and for reverse DNS, and each message against its SPF and DMARC (repeatable)', group: 'DNS:' },
  dnsbl: { type: 'string', array: true, describe: 'Blocklist zone to use instead of the defaults (repeatable)', group: 'DNS:' },
  'dkim-selector': { type: 'string', array: true, describe: 'DKIM selector whose key is checked for every domain (repeatable)', group: 'Checks:' },
  file: { type: 'string', describe: 'Read the inputs from this file, one a line (# comments; - for stdin)', group: 'Input:' },
  fix: { type: 'boolean', default: false, describe: 'Repair what is safe to repair in each message file, in place; report what remains', group: 'Fixes:' },
  'fix-dry-run': {
    type: 'boolean',
    default: false,
    describe: 'Repair nothing on disk; report what would remain (--format json carries each repaired message as "output")',
    group: 'Fixes:',
  },
  tls: { choices: ['starttls', 'implicit', 'none'], describe: 'starttls (default), implicit (default on port 465) or none', group: 'SMTP:' },
  ca: { type: 'string', describe: 'Extra trust anchor (PEM file) beside the system roots; verification is never off', group: 'SMTP:' },
  user: { type: 'string', describe: 'Log in as this user; the password comes from MAILLINT_SMTP_PASSWORD or --password-file', group: 'SMTP:' },
  'password-file': { type: 'string', describe: 'Read the password from the first line of this file', group: 'SMTP:' },
  password: { type: 'string', describe: 'Refused: it would land in shell history and CI logs (use MAILLINT_SMTP_PASSWORD)', group: 'SMTP:', hidden: true },
  auth: { type: 'string', describe: 'SASL mechanism: PLAIN, LOGIN, CRAM-MD5, XOAUTH2 (NTLM/SPA is explained, not spoken)', group: 'SMTP:' },
  message: { type: 'string', describe: 'Take the envelope, size and 8-bit/UTF-8 needs from this message (never sent)', group: 'SMTP:' },
  from: { type: 'string', describe: 'Envelope sender (MAIL FROM), instead of the message\'s', group: 'SMTP:' },
  to: { type: 'string', array: true, describe: 'Envelope recipient (RCPT TO), instead of the message\'s (repeatable)', group: 'SMTP:' },
  helo: { type: 'string', describe: 'The EHLO name (default: this machine\'s host name)', group: 'SMTP:' },
  verbose: { type: 'boolean', default: false, describe: 'Print the SMTP dialogue on stderr (credentials redacted)', group: 'SMTP:' },
  strict: { type: 'boolean', default: false, describe: 'A message that is not a bounce is an error (exit 1), not a warning', group: 'Checks:' },
  ext: { type: 'string', array: true, describe: 'Also take files with this extension as messages in folders, e.g. .txt (repeatable)', group: 'Input:' },
} as const satisfies Record<string, Options>;

export type OptionName = keyof typeof OPTIONS;

const REPORT: readonly OptionName[] = ['format', 'output', 'quiet', 'max-warnings'];
const RULES: readonly OptionName[] = ['rule', 'config', 'profile'];
const DNS: readonly OptionName[] = ['resolver', 'timeout', 'concurrency'];

/** The options each command takes; any other is refused by the parser (exit 2), and `--help` lists only these. */
export const COMMAND_OPTIONS = {
  lint: [...REPORT, ...RULES, 'offline', ...DNS, 'zone', 'ip', 'dnsbl', 'fix', 'fix-dry-run', 'ext'],
  domain: [...REPORT, ...RULES, 'offline', ...DNS, 'zone', 'file', 'dkim-selector'],
  ip: [...REPORT, ...RULES, ...DNS, 'zone', 'dnsbl', 'file'],
  // --offline is accepted and true: an address check makes no DNS query.
  address: [...REPORT, ...RULES, 'offline'],
  smtp: [...REPORT, ...RULES, 'timeout', 'tls', 'ca', 'user', 'password-file', 'password', 'auth', 'message', 'from', 'to', 'helo', 'verbose'],
  bounce: [...REPORT, ...RULES, 'offline', ...DNS, 'zone', 'dnsbl', 'strict'],
  rules: ['format'],
  init: [],
} as const satisfies Record<string, readonly OptionName[]>;

export type CommandName = keyof typeof COMMAND_OPTIONS;

/** Where a command takes fewer values of an option than the table lists: `rules` prints text or JSON only. */
const COMMAND_CHOICES: Partial<Record<CommandName, Partial<Record<OptionName, readonly string[]>>>> = {
  rules: { format: ['stylish', 'json'] },
};

/** An option as one command takes it (its own choices, where it narrows them). */
export function commandOption(command: CommandName, name: OptionName): (typeof OPTIONS)[OptionName] {
  const choices = COMMAND_CHOICES[command]?.[name];
  return choices === undefined ? OPTIONS[name] : ({ ...OPTIONS[name], choices } as (typeof OPTIONS)[OptionName]);
}

/**
 * Adds the options `names` to a command's parser.
 * @internal (stripped from the published declarations: its yargs types come from @types/yargs, a devDependency)
 */
export function withOptions(parser: Argv, command: CommandName): Argv {
  let withOptions = parser;
  for (const name of COMMAND_OPTIONS[command] as readonly OptionName[]) {
    const option = commandOption(command, name);
    // Every option but a flag needs its value: `-o` or `--max-warnings` at the end of a command
    // line is a usage error, not a silently ignored option.
    const needsValue = !('type' in option && option.type === 'boolean');
    withOptions = withOptions.option(name, { ...(option as Options), ...(needsValue ? { requiresArg: true } : {}) });
  }
  return withOptions;
}

/** Arguments as commands receive them: every option a command does not take is absent. */
export type CommonArguments = {
  format: (typeof FORMAT_NAMES)[number];
  output?: string | undefined;
  quiet: boolean;
  'max-warnings'?: number | undefined;
  rule: string[];
  config?: string | undefined;
  profile?: 'final' | 'template' | undefined;
  offline: boolean;
  resolver?: string[] | undefined;
  zone?: string[] | undefined;
  timeout?: number | undefined;
  concurrency?: number | undefined;
  ip?: string[] | undefined;
  dnsbl?: string[] | undefined;
  'dkim-selector'?: string[] | undefined;
  file?: string | undefined;
  fix?: boolean | undefined;
  'fix-dry-run'?: boolean | undefined;
  strict?: boolean | undefined;
  ext?: string[] | undefined;
};

/** The smtp command's own options. */
export type SmtpOptionArguments = {
  tls?: 'starttls' | 'implicit' | 'none' | undefined;
  ca?: string | undefined;
  user?: string | undefined;
  'password-file'?: string | undefined;
  password?: string | undefined;
  auth?: string | undefined;
  message?: string | undefined;
  from?: string | undefined;
  to?: string[] | undefined;
  helo?: string | undefined;
  verbose?: boolean | undefined;
};

/** Why a command refuses an option another command takes (a plain "unknown option" would puzzle). */
export const REFUSAL_REASONS: Partial<Record<CommandName, { reason: string; when?: (name: OptionName) => boolean }>> = {
  address: {
    reason: 'the address command checks addresses as written and makes no DNS query, so {option} would be ignored; audit the domain\'s mail DNS with maillint domain (or lint a message, which does both)',
    when: (name) => OPTIONS[name].group === 'DNS:',
  },
  ip: { reason: 'the ip command asks DNS blocklists, so it cannot run with {option}', when: (name) => name === 'offline' },
  domain: { reason: 'the domain command audits mail DNS and takes no {option}; check sending IPs with maillint ip, and messages with maillint lint' },
  rules: { reason: 'the rules command prints documentation and takes only --format (stylish or json), not {option}' },
  smtp: { reason: 'the smtp command talks to one submission server and takes no {option}; lint the message itself with maillint lint' },
  init: { reason: 'the init command writes maillint.config.json and takes no options, not {option}' },
};
