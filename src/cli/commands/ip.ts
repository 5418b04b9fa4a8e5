// `maillint ip <addresses..>` (and --file): every sending IP against every blocklist. All inputs are
// parsed before anything is queried, so one bad address stops the run with exit 2 and no lookups.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createResolver } from '../../dns/create-resolver.js';
import { DEFAULT_BLOCKLISTS, validateBlocklistSettings } from '../../dnsbl/catalogue.js';
import { createIpChecker } from '../../dnsbl/check-ips.js';
import { InvalidIpAddressError, parseIpAddress } from '../../dnsbl/query-name.js';
import type { TargetResult } from '../../types.js';
import { UsageError, type CliIo } from '../io.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { reportResults } from '../report-results.js';
import { buildRunSettings } from '../settings.js';

export interface IpArguments extends CommonArguments {
  addresses: string[];
  file?: string | undefined;
}

interface Input {
  ip: string;
  /** Where the input came from, for error messages: `argument 2`, `ips.txt:14`. */
  origin: string;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** One address a line; `#` starts a comment; blank lines are skipped; `-` reads stdin. */
async function readAddressFile(file: string, io: CliIo): Promise<Input[]> {
  let text: string;
  try {
    text = file === '-' ? await readStream(io.stdin) : await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`--file ${file}: cannot read it: ${(error as Error).message}`);
  }
  const inputs: Input[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const ip = line.replace(/#.*/, '').trim();
    if (ip !== '') inputs.push({ ip, origin: `${file === '-' ? '<stdin>' : file}:${index + 1}` });
  });
  return inputs;
}

export async function runIp(args: IpArguments, io: CliIo): Promise<number> {
  if (args.offline) {
    throw new UsageError('maillint ip asks DNS blocklists, so it cannot run with --offline');
  }
  const inputs: Input[] = args.addresses.map((ip, index) => ({ ip, origin: `argument ${index + 1}` }));
  if (args.file !== undefined) inputs.push(...(await readAddressFile(args.file, io)));
  if (inputs.length === 0) throw new UsageError('no addresses: name IP addresses, or --file with one address a line');

  const problems: string[] = [];
  for (const input of inputs) {
    try {
      parseIpAddress(input.ip);
    } catch (error) {
      if (!(error instanceof InvalidIpAddressError)) throw error;
      problems.push(`${input.origin}: ${error.message}`);
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    throw new UsageError(`nothing was checked:\n  ${shown.join('\n  ')}`);
  }

  const settings = await buildRunSettings(args, io);
  const lists =
    settings.dnsbl === undefined ? DEFAULT_BLOCKLISTS : validateBlocklistSettings(settings.dnsbl, args.dnsbl !== undefined ? '--dnsbl' : 'dnsbl');
  let resolver;
  try {
    resolver = await createResolver(settings);
  } catch (error) {
    // A zone file that cannot be read is a usage problem like a bad --resolver.
    if (error instanceof Error && error.name === 'ZoneFileError') throw new UsageError(error.message);
    throw error;
  }
  if (!resolver) throw new UsageError('no DNS resolver for this run; maillint ip needs DNS');

  const progress = createProgress(io, { label: 'addresses', total: inputs.length, quiet: args.quiet });
  let results: TargetResult[];
  try {
    const checker = createIpChecker({ resolver, lists, rules: settings.rules, profile: settings.profile });
    results = await Promise.all(
      inputs.map(async ({ ip }) => {
        const findings = await checker.check(ip);
        progress.tick();
        return { target: ip, findings };
      }),
    );
  } finally {
    progress.done();
    await resolver.close?.();
  }
  return reportResults(results, args, io, settings);
}
