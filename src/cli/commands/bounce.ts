// `maillint bounce <files|->` and pasted SMTP reply lines: each bounce's recipients with their reason,
// seed row, preventing checks and remedy; the returned message linted; and, unless --offline, the
// domains and IPs the bounces blame looked up.

import { escapeForLine } from '../../report/escape.js';
import { readBounces } from '../../engine/bounces.js';
import { blocklistsOf } from '../blocklists.js';
import { createCliRun } from '../create-cli-run.js';
import { UsageError, type CliIo } from '../io.js';
import { openResolver } from '../open-resolver.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { openReport } from '../report-results.js';
import { buildRunSettings } from '../settings.js';

export interface BounceArguments extends CommonArguments {
  inputs: string[];
  strict: boolean;
}

export async function runBounce(args: BounceArguments, io: CliIo): Promise<number> {
  if (args.inputs.length === 0) throw new UsageError('no input: name bounce files, folders, mbox files or Maildir folders, - for stdin, or paste an SMTP reply line in quotes');
  // "" would resolve to the working folder, as in lint.
  if (args.inputs.includes('')) throw new UsageError('an empty path was given (an unset variable?): name a bounce file or folder, - for stdin, or an SMTP reply line');
  const settings = await buildRunSettings(args, io, args.inputs);
  if (!settings.offline) await blocklistsOf(settings, args.dnsbl !== undefined);
  const resolver = await openResolver(settings);
  const progress = createProgress(io, { label: 'bounces', quiet: args.quiet });
  try {
    const run = createCliRun(settings, resolver);
    const report = await openReport(args, io, settings);
    // Any result counts, an input-unreadable one too: a missing file is an error for that file, as in lint.
    let results = 0;
    // io.stdin only when `-` is named: touching process.stdin builds its stream, ~3 ms of CPU (issue 15).
    const stdin = args.inputs.includes('-') ? { stdin: io.stdin } : {};
    for await (const result of readBounces(run, args.inputs, { ...stdin, cwd: io.cwd, strict: args.strict, lookUp: resolver !== undefined })) {
      report.add(result);
      results += 1;
      if (result.bounces !== undefined) progress.tick();
    }
    if (results === 0) throw new UsageError(`no bounce files found in ${args.inputs.map((input) => escapeForLine(input)).join(', ')}`);
    progress.done();
    return await report.close(run.failedLookups());
  } finally {
    progress.done();
    await resolver?.close?.();
  }
}
