// Options every command accepts, as one table: yargs builds `--help` from it, and the fast path
// (src/cli/fast-path.ts) hands the same table to node:util parseArgs, so both read a command line alike.

import type { Argv, Options } from 'yargs';
import { FORMAT_NAMES } from '../report/format-names.js';

export const COMMON_OPTIONS = {
  format: { alias: 'f', choices: FORMAT_NAMES, default: 'stylish', describe: 'Report format', group: 'Output:' },
  output: { alias: 'o', type: 'string', describe: 'Write the report to this file instead of stdout', group: 'Output:' },
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
  config: { alias: 'c', type: 'string', describe: 'Config file (default: maillint.config.json found upward)', group: 'Checks:' },
  profile: { choices: ['final', 'template'], describe: 'final (default) or template: Date/Message-ID absent is only info', group: 'Checks:' },
  offline: { type: 'boolean', default: false, describe: 'Make no network DNS queries (zone files still answer)', group: 'DNS:' },
  resolver: { type: 'string', array: true, describe: 'Nameserver host[:port] or [v6]:port (repeatable; default: /etc/resolv.conf)', group: 'DNS:' },
  zone: { type: 'string', array: true, describe: 'Answer DNS queries from this master-format zone file (repeatable)', group: 'DNS:' },
  timeout: { type: 'number', describe: 'Deadline of one DNS query in milliseconds (default 5000)', group: 'DNS:' },
  concurrency: { type: 'number', describe: 'DNS queries in flight at once (default 32)', group: 'DNS:' },
  ip: { type: 'string', array: true, describe: 'Sending IP of the message, checked against blocklists (repeatable)', group: 'DNS:' },
  dnsbl: { type: 'string', array: true, describe: 'Blocklist zone to use instead of the defaults (repeatable)', group: 'DNS:' },
} as const satisfies Record<string, Options>;

export function withCommonOptions(parser: Argv): Argv {
  let withOptions = parser;
  for (const [name, option] of Object.entries(COMMON_OPTIONS)) {
    // Every option but a flag needs its value: `-o` or `--max-warnings` at the end of a command
    // line is a usage error, not a silently ignored option.
    const needsValue = !('type' in option && option.type === 'boolean');
    withOptions = withOptions.option(name, { ...(option as Options), ...(needsValue ? { requiresArg: true } : {}) });
  }
  return withOptions;
}

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
};
