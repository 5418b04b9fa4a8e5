import type { FixMode } from '../../engine/fix-files.js';
import { escapeForLine } from '../../report/escape.js';
import type { TargetResult } from '../../types.js';
import { blocklistsOf } from '../blocklists.js';
import { createCliRun } from '../create-cli-run.js';
import { UsageError, type CliIo } from '../io.js';
import { openResolver } from '../open-resolver.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { openReport } from '../report-results.js';
import { buildRunSettings, type RunSettings } from '../settings.js';

/** A bad sending IP stops the run before any file is linted or any report written. */
async function validateSendingIps(settings: RunSettings): Promise<void> {
  if (settings.sendingIps.length === 0) return;
  const { InvalidIpAddressError, parseIpAddress } = await import('../../net/ip.js');
  for (const ip of settings.sendingIps) {
    try {
      parseIpAddress(ip);
    } catch (error) {
      if (error instanceof InvalidIpAddressError) throw new UsageError(`--ip: ${error.message}`);
      throw error;
    }
  }
  if (settings.offline) throw new UsageError('--ip / sendingIps are checked against DNS blocklists, reverse DNS, SPF and DMARC, which cannot be done with --offline');
}

/** --ext values as ".txt": a dot and a name, no path separator (exit 2 otherwise). */
function extensionsOf(values: readonly string[] | undefined): string[] {
  return (values ?? []).map((value) => {
    const extension = value.startsWith('.') ? value : `.${value}`;
    if (!/^\.[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$/.test(extension)) throw new UsageError(`--ext ${escapeForLine(value.slice(0, 40))}: give an extension such as .txt (letters, digits, "._+-")`);
    return extension.toLowerCase();
  });
}

/** --fix writes files, --fix-dry-run only reports; standard input is never written (decided: refuse, exit 2). */
function fixModeOf(args: CommonArguments & { paths: string[] }): FixMode | undefined {
  if (args.fix && args['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other: --fix writes the repaired files, --fix-dry-run writes nothing');
  if (args.fix && args.paths.includes('-')) {
    throw new UsageError('--fix does not rewrite standard input: use --fix-dry-run --format json, whose report carries the repaired message as "output"');
  }
  return args.fix ? 'write' : args['fix-dry-run'] ? 'dry-run' : undefined;
}

/**
 * On stderr, for each message the fixes changed, what was (or would be) repaired: the report lists
 * what remains, and must not be mistaken for all there was.
 */
function noteFixed(io: CliIo, result: TargetResult, mode: FixMode, quiet: boolean): void {
  const fixed = result.fixed ?? [];
  if (fixed.length === 0 || quiet) return;
  const lines = fixed.map((finding) => {
    const position = finding.line === undefined ? '-' : `${finding.line}:${finding.column ?? 1}`;
    return `  ${position}  ${finding.check}${finding.fix ? `  ${escapeForLine(finding.fix)}` : ''}\n`;
  });
  io.stderr(`maillint: ${mode === 'write' ? 'fixed' : 'would fix'} ${fixed.length} ${fixed.length === 1 ? 'problem' : 'problems'} in ${escapeForLine(result.target)}:\n${lines.join('')}`);
}

export async function runLint(args: CommonArguments & { paths: string[] }, io: CliIo): Promise<number> {
  // "" would resolve to the working folder: `maillint "$UNSET"` must not lint a whole repository.
  if (args.paths.includes('')) throw new UsageError('an empty path was given (an unset variable?): name a file or folder, or - for stdin');
  const fix = fixModeOf(args);
  const extensions = extensionsOf(args.ext);
  const settings = await buildRunSettings(args, io, args.paths);
  const resolver = await openResolver(settings);
  // Folders are walked lazily, so the total is not known up front: count and rate only.
  const progress = createProgress(io, { label: 'files', quiet: args.quiet });
  try {
    // A shared config's sendingIps must not make every offline run fail; an --ip given with
    // --offline is a contradiction the user typed, and stays an error.
    const skipConfigIps = settings.offline && args.ip === undefined && settings.sendingIps.length > 0;
    if (skipConfigIps) io.stderr(`maillint: --offline: the config file's sendingIps (${settings.sendingIps.join(', ')}) are not checked against blocklists, reverse DNS, SPF and DMARC\n`);
    const sendingIps = skipConfigIps ? [] : settings.sendingIps;
    if (sendingIps.length > 0) {
      await validateSendingIps(settings);
      await blocklistsOf(settings, args.dnsbl !== undefined);
    }
    const run = createCliRun(settings, resolver, sendingIps);
    const report = await openReport(args, io, settings);
    let linted = 0;
    // io.stdin only when `-` is named: touching process.stdin builds its stream, ~3 ms of CPU (issue 15).
    const stdin = args.paths.includes('-') ? { stdin: io.stdin } : {};
    for await (const result of run.lintFileStream(args.paths, { ...stdin, cwd: io.cwd, extensions, ...(fix ? { fix } : {}) })) {
      if (fix) noteFixed(io, result, fix, args.quiet);
      // A render step that produced nothing must not pass the gate as "0 targets, no problems".
      if (result.kind === 'ip' && linted === 0) break;
      report.add(result);
      if (result.kind !== 'ip') {
        progress.tick();
        linted += 1;
      }
    }
    if (linted === 0) throw new UsageError(`no ${['.eml', ...extensions].join(' or ')} files found in ${args.paths.map((path) => escapeForLine(path)).join(', ')} (nor an mbox file or a Maildir folder)`);
    progress.done();
    return await report.close(run.failedLookups());
  } finally {
    progress.done();
    await resolver?.close?.();
  }
}
