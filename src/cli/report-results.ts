// Formats results, writes them where asked, and decides the exit code.

import { writeFile } from 'node:fs/promises';
import { loadFormatter } from '../report/index.js';
import type { TargetResult } from '../types.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from './io.js';
import type { CommonArguments } from './options.js';

export function exitCodeFor(results: readonly TargetResult[], maxWarnings: number | undefined): number {
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

export async function reportResults(results: readonly TargetResult[], args: CommonArguments, io: CliIo): Promise<number> {
  const shown = args.quiet
    ? results.map((result) => ({ ...result, findings: result.findings.filter((finding) => finding.severity === 'error') }))
    : results;
  const formatter = await loadFormatter(args.format);
  const color = !args.output && io.stdoutIsTTY && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && args.format === 'stylish';
  const report = formatter(shown, { color, cwd: io.cwd });
  if (args.output) {
    try {
      await writeFile(args.output, report);
    } catch (error) {
      throw new UsageError(`cannot write report to ${args.output}: ${(error as Error).message}`);
    }
  } else {
    io.stdout(report);
  }
  const maxWarnings = args['max-warnings'];
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number ≥ 0');
  }
  const code = exitCodeFor(results, maxWarnings);
  if (maxWarnings !== undefined && code === EXIT_FINDINGS && !results.some((r) => r.findings.some((f) => f.severity === 'error'))) {
    io.stderr(`maillint: more than ${maxWarnings} warnings (--max-warnings)\n`);
  }
  return code;
}
