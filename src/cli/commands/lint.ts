import { lintFileStream } from '../../engine/lint-files.js';
import type { TargetResult } from '../../types.js';
import type { CliIo } from '../io.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { reportResults } from '../report-results.js';
import { buildRunSettings } from '../settings.js';

export async function runLint(args: CommonArguments & { paths: string[] }, io: CliIo): Promise<number> {
  const settings = await buildRunSettings(args, io);
  const results: TargetResult[] = [];
  // Folders are walked lazily, so the total is not known up front: count and rate only.
  const progress = createProgress(io, { label: 'files', quiet: args.quiet });
  try {
    for await (const result of lintFileStream(args.paths, { ...settings, stdin: io.stdin })) {
      results.push(result);
      progress.tick();
    }
  } finally {
    progress.done();
  }
  return reportResults(results, args, io, settings);
}
