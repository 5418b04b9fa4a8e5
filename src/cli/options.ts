// Options every command accepts. Defined once so that `--help` documents each the same way.

import type { Argv } from 'yargs';
import { FORMAT_NAMES } from '../report/index.js';

export function withCommonOptions<T>(parser: Argv<T>) {
  return parser
    .option('format', { alias: 'f', choices: FORMAT_NAMES, default: 'stylish' as const, describe: 'Report format', group: 'Output:' })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the report to this file instead of stdout', group: 'Output:' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only; no progress line', group: 'Output:' })
    .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this', group: 'Output:' })
    .option('rule', {
      alias: 'r',
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Set a check\'s severity: id=error|warn|info|off (repeatable)',
      group: 'Checks:',
    })
    .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: maillint.config.json found upward)', group: 'Checks:' })
    .option('profile', { choices: ['final', 'template'] as const, describe: 'final (default) or template: Date/Message-ID absent is only info', group: 'Checks:' })
    .option('offline', { type: 'boolean', default: false, describe: 'Make no DNS queries; DNS and blocklist checks are not run', group: 'DNS:' })
    .option('resolver', { type: 'string', array: true, describe: 'Nameserver host[:port] or [v6]:port (repeatable; default: /etc/resolv.conf)', group: 'DNS:' })
    .option('zone', { type: 'string', array: true, describe: 'Answer DNS queries from this master-format zone file (repeatable)', group: 'DNS:' })
    .option('timeout', { type: 'number', describe: 'Deadline of one DNS query in milliseconds (default 5000)', group: 'DNS:' })
    .option('concurrency', { type: 'number', describe: 'DNS queries in flight at once (default 32)', group: 'DNS:' })
    .option('ip', { type: 'string', array: true, describe: 'Sending IP of the message, checked against blocklists (repeatable)', group: 'DNS:' })
    .option('dnsbl', { type: 'string', array: true, describe: 'Blocklist zone to use instead of the defaults (repeatable)', group: 'DNS:' });
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
