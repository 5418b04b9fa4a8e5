// Formats results, writes them where asked (as they arrive where the format allows), and decides the exit code.

import { accessSync, closeSync, constants, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { escapeForLine } from '../report/escape.js';
import { loadFormatter, loadStreamingFormatter } from '../report/index.js';
import { addToCounts, countFindings } from '../report/summary.js';
import type { FormatContext } from '../report/types.js';
import type { TargetResult } from '../types.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from './io.js';
import type { CommonArguments } from './options.js';
import type { RunSettings } from './settings.js';

/** `--output FILE` writes a file; `--output -` (or none) writes stdout. */
function toFile(args: Pick<CommonArguments, 'output'>): boolean {
  return args.output !== undefined && args.output !== '-';
}

/** Colour only for stylish on a terminal, and never with NO_COLOR set (no-color.org) or TERM=dumb. */
function useColor(args: Pick<CommonArguments, 'format' | 'output'>, io: CliIo): boolean {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return args.format === 'stylish' && !toFile(args) && io.stdoutIsTTY && !noColor && io.env.TERM !== 'dumb';
}

/**
 * The file SARIF results without a file of their own (domains, IPs, stdin) are placed at: GitHub
 * code scanning rejects a result with no artifact location. The first zone file of the run (what a
 * domain audit reads), else the config file, else maillint.config.json by name.
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

const WRITE_BLOCK_CHARACTERS = 64 * 1024;

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such folder' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
}

/**
 * Opens the report of a run. stylish, json and github are written as results arrive when the
 * report goes to a file or a pipe (a CI run over 100,000 files holds none of them); on a terminal,
 * and for sarif and junit (whole documents), the report is written at the end.
 */
export async function openReport(args: CommonArguments, io: CliIo, settings?: Pick<RunSettings, 'zones' | 'configPath'>): Promise<ReportWriter> {
  // Checked before any output, so a bad value never leaves a half-written report behind.
  const maxWarnings = args['max-warnings'];
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number ≥ 0');
  }
  const context: FormatContext = { color: useColor(args, io), cwd: io.cwd };
  const anchorFile = anchorFileFor(settings, io.cwd);
  if (anchorFile !== undefined) context.anchorFile = anchorFile;

  // The report file is created with the first write (a run that stops early leaves none behind),
  // but a path that cannot be written is refused now, before any work.
  const outputPath = toFile(args) ? resolve(io.cwd, args.output!) : undefined;
  // A path from the command line (a shell glob may have filled it from file names) is shown escaped.
  const shownOutput = escapeForLine(args.output ?? '');
  if (outputPath !== undefined) {
    try {
      if (existsSync(outputPath) && statSync(outputPath).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      accessSync(existsSync(outputPath) ? outputPath : dirname(outputPath), constants.W_OK);
    } catch (error) {
      throw new UsageError(`cannot write report to ${shownOutput}: ${describeWriteError(error)}`);
    }
  }
  let descriptor: number | undefined;
  const emit = (text: string): void => {
    if (outputPath === undefined) {
      io.stdout(text);
      return;
    }
    try {
      descriptor ??= openSync(outputPath, 'w');
      writeSync(descriptor, text);
    } catch (error) {
      throw new UsageError(`cannot write report to ${shownOutput}: ${describeWriteError(error)}`);
    }
  };
  // Results are small and many: they go out in blocks, not one system call each.
  let pending = '';
  const write = (text: string): void => {
    pending += text;
    if (pending.length >= WRITE_BLOCK_CHARACTERS) flush();
  };
  const flush = (): void => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    emit(text);
  };

  const counts = countFindings([]);
  const shownCounts = countFindings([]);
  const stream = (await loadStreamingFormatter(args.format))?.(context);
  // Live: written as results arrive (to a file or a pipe). On a terminal the report waits for the
  // end, so it does not interleave with the progress line; sarif and junit are whole documents.
  const live = stream !== undefined && (outputPath !== undefined || !io.stdoutIsTTY);
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
      const shown = args.quiet ? { ...result, findings: result.findings.filter((finding) => finding.severity === 'error') } : result;
      addToCounts(shownCounts, shown);
      start();
      if (live) write(stream.target(shown));
      else held.push(shown);
    },
    async close(failedLookups = 0) {
      if (failedLookups > 0) {
        shownCounts.failedLookups = failedLookups;
        // On stderr too: json, sarif and junit have no summary line, and a CI log shows stderr.
        io.stderr(`maillint: ${failedLookups} DNS ${failedLookups === 1 ? 'lookup' : 'lookups'} failed (timeout, SERVFAIL, REFUSED or a bad answer); the checks that needed ${failedLookups === 1 ? 'it' : 'them'} could not be made\n`);
      }
      if (args.quiet) {
        shownCounts.hiddenWarnings = counts.warnings;
        shownCounts.hiddenInfos = counts.infos;
      }
      try {
        start();
        if (live) write(stream.end(shownCounts));
        else if (stream) write(stream.start + held.map((result) => stream.target(result)).join('') + stream.end(shownCounts));
        else write((await loadFormatter(args.format))(held, context));
        flush();
      } finally {
        if (descriptor !== undefined) closeSync(descriptor);
      }
      if (counts.errors > 0) return EXIT_FINDINGS;
      if (maxWarnings !== undefined && counts.warnings > maxWarnings) {
        io.stderr(`maillint: ${counts.warnings} ${counts.warnings === 1 ? 'warning' : 'warnings'}, more than --max-warnings ${maxWarnings} allows\n`);
        return EXIT_FINDINGS;
      }
      return EXIT_OK;
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
