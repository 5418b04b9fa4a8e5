// Formats results as they arrive (where the format allows) into the output sink, and closes with
// the exit policy's code.

import { relative, resolve } from 'node:path';
import { loadFormatter, loadStreamingFormatter } from '../report/index.js';
import { addToCounts, countFindings } from '../report/summary.js';
import type { FormatContext } from '../report/types.js';
import type { TargetResult } from '../types.js';
import { exitCodeFor, validateMaxWarnings } from './exit-policy.js';
import type { CliIo } from './io.js';
import { openOutputSink, outputGoesToFile } from './output-sink.js';
import type { CommonArguments } from './options.js';
import type { RunSettings } from './settings.js';

/** Colour only for stylish on a terminal, and never with NO_COLOR set (no-color.org) or TERM=dumb. */
function useColor(args: Pick<CommonArguments, 'format' | 'output'>, io: CliIo): boolean {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return args.format === 'stylish' && !outputGoesToFile(args.output) && io.stdoutIsTTY && !noColor && io.env.TERM !== 'dumb';
}

/**
 * The file SARIF results without a file of their own (domains, IPs, stdin) are placed at: GitHub
 * code scanning wants an artifact location. The first zone file of the run (what a domain audit
 * reads), else the config file it read; none when it read neither (no file is made up).
 */
function anchorFileFor(settings: Pick<RunSettings, 'zones' | 'configPath'> | undefined, cwd: string): string | undefined {
  // A config read from stdin has no file to point at.
  const configPath = settings?.configPath === '<stdin>' ? undefined : settings?.configPath;
  const file = settings?.zones[0] ?? configPath;
  return file === undefined ? undefined : relative(cwd, resolve(cwd, file));
}

export interface ReportWriter {
  add(result: TargetResult): void;
  /** Writes what is left and returns the exit code; `failedLookups` (the run's) goes in the summary. */
  close(failedLookups?: number): Promise<number>;
}

/**
 * What --quiet shows of a result: its errors, and of a bounce's recipients the failed ones (the
 * others are bounce-delayed and bounce-complaint warnings; see bounceFinding in engine/bounces.ts).
 */
function errorsOnly(result: TargetResult): TargetResult {
  const findings = result.findings.filter((finding) => finding.severity === 'error');
  if (result.bounces === undefined) return { ...result, findings };
  return { ...result, findings, bounces: result.bounces.filter((bounce) => bounce.action === 'failed' && bounce.reason !== 'feedback') };
}

/**
 * Opens the report of a run. stylish, json and github are written as results arrive when the
 * report goes to a file or a pipe (a CI run over 100,000 files holds none of them); on a terminal,
 * and for sarif and junit (whole documents), the report is written at the end.
 */
export async function openReport(args: CommonArguments, io: CliIo, settings?: Pick<RunSettings, 'zones' | 'configPath'>): Promise<ReportWriter> {
  const maxWarnings = args['max-warnings'];
  validateMaxWarnings(maxWarnings);
  const context: FormatContext = { color: useColor(args, io), cwd: io.cwd };
  const anchorFile = anchorFileFor(settings, io.cwd);
  if (anchorFile !== undefined) context.anchorFile = anchorFile;
  const sink = openOutputSink(args.output, io);
  const write = (text: string): void => sink.write(text);

  const counts = countFindings([]);
  const shownCounts = countFindings([]);
  const stream = (await loadStreamingFormatter(args.format))?.(context);
  // Live: written as results arrive (to a file or a pipe). On a terminal the report waits for the
  // end, so it does not interleave with the progress line; sarif and junit are whole documents.
  const live = stream !== undefined && (sink.toFile || !io.stdoutIsTTY);
  const held: TargetResult[] = [];
  // Written with the first result, so a run that stops before any (a usage error) writes nothing.
  let started = false;
  const start = (): void => {
    if (live && !started) write(stream.start);
    started = true;
  };

  return {
    add(result) {
      addToCounts(counts, result);
      // --quiet hides warnings; they still count against --max-warnings.
      const shown = args.quiet ? errorsOnly(result) : result;
      addToCounts(shownCounts, shown);
      start();
      if (live) write(stream.target(shown));
      else held.push(shown);
    },
    async close(failedLookups = 0) {
      if (failedLookups > 0) {
        shownCounts.failedLookups = failedLookups;
        // On stderr too: json, sarif and junit have no summary line, and a CI log shows stderr.
        io.stderr(`maillint: ${failedLookups} DNS ${failedLookups === 1 ? 'lookup' : 'lookups'} failed (timeout, network error, SERVFAIL, REFUSED or a bad answer); the checks that needed ${failedLookups === 1 ? 'it' : 'them'} could not be made\n`);
      }
      if (args.quiet) {
        shownCounts.hiddenWarnings = counts.warnings;
        shownCounts.hiddenInfos = counts.infos;
      }
      if (maxWarnings !== undefined && counts.warnings > maxWarnings) shownCounts.exceededMaxWarnings = maxWarnings;
      try {
        start();
        if (live) write(stream.end(shownCounts));
        else if (stream) write(stream.start + held.map((result) => stream.target(result)).join('') + stream.end(shownCounts));
        else write((await loadFormatter(args.format))(held, context));
      } finally {
        sink.close();
      }
      return exitCodeFor(counts, maxWarnings, io);
    },
  };
}

/** Formats a run's results, writes them where asked, and returns the exit code. */
export async function reportResults(
  results: readonly TargetResult[],
  args: CommonArguments,
  io: CliIo,
  settings?: Pick<RunSettings, 'zones' | 'configPath'>,
  failedLookups = 0,
): Promise<number> {
  const report = await openReport(args, io, settings);
  for (const result of results) report.add(result);
  return report.close(failedLookups);
}
