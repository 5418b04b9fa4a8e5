import type { Resolver } from '../../dns/types.js';
import { lintFileStream } from '../../engine/lint-files.js';
import type { TargetResult } from '../../types.js';
import { UsageError, type CliIo } from '../io.js';
import { openResolver } from '../open-resolver.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { openReport } from '../report-results.js';
import { buildRunSettings, type RunSettings } from '../settings.js';

/**
 * The sending IPs (--ip, sendingIps) are the same for every message of a run: they are checked
 * once, before any file is read (a bad address stops the run, exit 2), and reported as targets
 * of their own after the files.
 */
async function sendingIpResults(
  settings: RunSettings,
  resolver: Resolver | undefined,
  now: Date,
  dnsblFromCommandLine: boolean,
): Promise<TargetResult[]> {
  if (settings.sendingIps.length === 0) return [];
  const { InvalidIpAddressError, parseIpAddress } = await import('../../dnsbl/query-name.js');
  for (const ip of settings.sendingIps) {
    try {
      parseIpAddress(ip);
    } catch (error) {
      if (error instanceof InvalidIpAddressError) throw new UsageError(`--ip: ${error.message}`);
      throw error;
    }
  }
  if (settings.offline || !resolver) {
    throw new UsageError('--ip / sendingIps are checked against DNS blocklists, which cannot be done with --offline');
  }
  const [{ createIpChecker }, { blocklistsOf }] = await Promise.all([import('../../dnsbl/check-ips.js'), import('../blocklists.js')]);
  const lists = await blocklistsOf(settings, dnsblFromCommandLine);
  const checker = createIpChecker({ resolver, lists, rules: settings.rules, profile: settings.profile, now });
  return Promise.all(settings.sendingIps.map(async (ip) => ({ target: ip, kind: 'ip' as const, findings: await checker.check(ip) })));
}

export async function runLint(args: CommonArguments & { paths: string[] }, io: CliIo): Promise<number> {
  const settings = await buildRunSettings(args, io);
  const now = new Date();
  const resolver = await openResolver(settings);
  // Folders are walked lazily, so the total is not known up front: count and rate only.
  const progress = createProgress(io, { label: 'files', quiet: args.quiet });
  try {
    // A shared config's sendingIps must not make every offline run fail; an --ip given with
    // --offline is a contradiction the user typed, and stays an error.
    const skipConfigIps = settings.offline && args.ip === undefined && settings.sendingIps.length > 0;
    if (skipConfigIps) io.stderr(`maillint: --offline: the config file's sendingIps (${settings.sendingIps.join(', ')}) are not checked against blocklists\n`);
    // Checked first: a bad --ip stops the run before any file is linted or any report written.
    const ipResults = skipConfigIps ? [] : await sendingIpResults(settings, resolver, now, args.dnsbl !== undefined);
    const report = await openReport(args, io, settings);
    const options = { ...settings, now, stdin: io.stdin, cwd: io.cwd, ...(resolver ? { resolver } : {}) };
    let linted = 0;
    for await (const result of lintFileStream(args.paths, options)) {
      report.add({ ...result, kind: result.target === '-' ? 'stdin' : 'file' });
      progress.tick();
      linted += 1;
    }
    // A render step that produced nothing must not pass the gate as "0 targets, no problems".
    if (linted === 0) throw new UsageError(`no .eml files found in ${args.paths.join(', ')}`);
    for (const result of ipResults) report.add(result);
    progress.done();
    return await report.close();
  } finally {
    progress.done();
    await resolver?.close?.();
  }
}
