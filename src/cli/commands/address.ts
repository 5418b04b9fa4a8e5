// `maillint address <addrs..>`: validates each address as written (`user@example.com` or
// `Name <user@example.com>`) with the message address checks; the target of each result is the
// address as given. Exit 1 when any address has an error.

import { createCliRun } from '../create-cli-run.js';
import { UsageError, type CliIo } from '../io.js';
import type { CommonArguments } from '../options.js';
import { reportResults } from '../report-results.js';
import { buildRunSettings } from '../settings.js';

export async function runAddress(args: CommonArguments & { addresses: string[] }, io: CliIo): Promise<number> {
  if (args.addresses.length === 0) {
    throw new UsageError('no address given: maillint address user@example.com ["Name <user@example.com>" ...]');
  }
  // Silently ignoring them would read as "checked": the address command makes no DNS query.
  const dnsOptions = (['zone', 'resolver', 'ip', 'dnsbl'] as const).filter((name) => args[name] !== undefined).map((name) => `--${name}`);
  if (dnsOptions.length > 0) {
    throw new UsageError(
      `the address command checks addresses as written and makes no DNS query, so ${dnsOptions.join(', ')} would be ignored; ` +
        'audit the domain\'s mail DNS with maillint domain (or lint a message, which does both)',
    );
  }
  const settings = await buildRunSettings(args, io);
  return reportResults(createCliRun(settings, undefined).checkAddresses(args.addresses), args, io);
}
