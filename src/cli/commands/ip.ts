// `maillint ip <addresses..>` (and --file): every sending IP against every blocklist. All inputs are
// parsed before anything is queried, so one bad address stops the run with exit 2 and no lookups.

import { InvalidIpAddressError, parseIpAddress } from '../../net/ip.js';
import { blocklistsOf } from '../blocklists.js';
import { createCliRun } from '../create-cli-run.js';
import { UsageError, type CliIo } from '../io.js';
import { openResolver } from '../open-resolver.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { argumentInputs, readListFile, refuseIfAnyInvalid } from '../read-list-file.js';
import { inOrderWithinWindow } from '../in-order-window.js';
import { openReport } from '../report-results.js';
import { buildRunSettings } from '../settings.js';

export interface IpArguments extends CommonArguments {
  addresses: string[];
  file?: string | undefined;
}

export async function runIp(args: IpArguments, io: CliIo): Promise<number> {
  if (args.offline) {
    throw new UsageError('the ip command asks DNS blocklists, so it cannot run with --offline');
  }
  const inputs = argumentInputs(args.addresses);
  if (args.file !== undefined) inputs.push(...(await readListFile(args.file, io)));
  if (inputs.length === 0) throw new UsageError('no addresses: name IP addresses, or --file with one address a line');

  const problems: string[] = [];
  for (const input of inputs) {
    try {
      parseIpAddress(input.value);
    } catch (error) {
      if (!(error instanceof InvalidIpAddressError)) throw error;
      problems.push(`${input.origin}: ${error.message}`);
    }
  }
  refuseIfAnyInvalid(problems);

  const settings = await buildRunSettings(args, io);
  await blocklistsOf(settings, args.dnsbl !== undefined);
  const report = await openReport(args, io, settings);
  const resolver = await openResolver(settings);
  if (!resolver) throw new UsageError('no DNS resolver for this run; maillint ip needs DNS');

  const progress = createProgress(io, { label: 'addresses', total: inputs.length, quiet: args.quiet });
  let failedLookups = 0;
  try {
    const run = createCliRun(settings, resolver);
    // An address asks each list at once (and its PTR): one address per DNS slot keeps them all busy.
    await inOrderWithinWindow(
      inputs,
      settings.concurrency,
      async ({ value: ip }) => {
        const [result] = await run.checkIps([ip]);
        progress.tick();
        return result!;
      },
      (result) => report.add(result),
    );
    failedLookups = run.failedLookups();
  } finally {
    progress.done();
    await resolver.close?.();
  }
  return report.close(failedLookups);
}
