// Formats results, writes them where asked, and decides the exit code.

import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { loadFormatter } from '../report/index.js';
import type { FormatContext } from '../report/types.js';
import type { TargetResult } from '../types.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from './io.js';
import type { CommonArguments } from './options.js';
import type { RunSettings } from './settings.js';

function exitCodeFor(results: readonly TargetResult[], maxWarnings: number | undefined): number {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const finding of result.findings) {
      if (finding.severity === 'error') errors += 1;
      else if (finding.severity === 'warn') warnings += 1;
    }
  }
  if (errors > 0) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && warnings > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** Colour only for stylish on a terminal, and never with NO_COLOR set (no-color.org) or TERM=dumb. */
function useColor(args: Pick<CommonArguments, 'format' | 'output'>, io: CliIo): boolean {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return args.format === 'stylish' && !args.output && io.stdoutIsTTY && !noColor && io.env.TERM !== 'dumb';
}

/**
 * The file SARIF results without a file of their own (domains, IPs, stdin) are placed at: GitHub
 * code scanning rejects a result with no artifact location. The first zone file of the run (what a
 * domain audit reads), else the config file, else maillint.config.json by name.
 */
function anchorFileFor(settings: Pick<RunSettings, 'zones' | 'configPath'> | undefined, cwd: string): string | undefined {
  const file = settings?.zones[0] ?? settings?.configPath;
  return file === undefined ? undefined : relative(cwd, resolve(cwd, file));
}

export async function reportResults(
  results: readonly TargetResult[],
  args: CommonArguments,
  io: CliIo,
  settings?: Pick<RunSettings, 'zones' | 'configPath'>,
): Promise<number> {
  // Checked before any output, so a bad value never leaves a half-written report behind.
  const maxWarnings = args['max-warnings'];
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number ≥ 0');
  }
  const shown = args.quiet
    ? results.map((result) => ({ ...result, findings: result.findings.filter((finding) => finding.severity === 'error') }))
    : results;
  const formatter = await loadFormatter(args.format);
  const context: FormatContext = { color: useColor(args, io), cwd: io.cwd };
  const anchorFile = anchorFileFor(settings, io.cwd);
  if (anchorFile !== undefined) context.anchorFile = anchorFile;
  const report = formatter(shown, context);
  if (args.output) {
    const path = resolve(io.cwd, args.output);
    try {
      await writeFile(path, report);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such folder' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
      throw new UsageError(`cannot write report to ${args.output}: ${reason}`);
    }
  } else {
    io.stdout(report);
  }
  // Warnings count against --max-warnings even with --quiet (which only hides them).
  const code = exitCodeFor(results, maxWarnings);
  if (maxWarnings !== undefined && code === EXIT_FINDINGS && !results.some((r) => r.findings.some((f) => f.severity === 'error'))) {
    io.stderr(`maillint: more than ${maxWarnings} warnings (--max-warnings)\n`);
  }
  return code;
}
