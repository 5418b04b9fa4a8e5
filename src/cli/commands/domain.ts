// `maillint domain <names..>` (and --file): audits each domain's mail DNS. Every name is validated
// before anything is queried, so one bad name stops the run with exit 2 and no lookups.

import { validateHostname } from '../../dns/hostname.js';
import { UsageError, type CliIo } from '../io.js';
import { openResolver } from '../open-resolver.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { argumentInputs, readListFile, refuseIfAnyInvalid, type ListedInput } from '../read-list-file.js';
import { openReport, type ReportWriter } from '../report-results.js';
import { buildRunSettings } from '../settings.js';
import { createCliRun } from '../create-cli-run.js';

export interface DomainArguments extends CommonArguments {
  names: string[];
  file?: string | undefined;
}

interface DomainInput {
  /** As the user wrote it: the result's target. */
  name: string;
  /** Lower-case A-label form, looked up. */
  normalized: string;
}

function shown(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name);
}

function validateAll(listed: readonly ListedInput[]): DomainInput[] {
  const inputs: DomainInput[] = [];
  const problems: string[] = [];
  for (const { value, origin } of listed) {
    const checked = validateHostname(value);
    if (checked.ok) inputs.push({ name: value, normalized: checked.normalized });
    else problems.push(`${origin}: ${shown(value)} is not a domain name: ${checked.reason}`);
  }
  refuseIfAnyInvalid(problems);
  return inputs;
}

export async function runDomain(args: DomainArguments, io: CliIo): Promise<number> {
  const listed = argumentInputs(args.names);
  if (args.file !== undefined) listed.push(...(await readListFile(args.file, io)));
  const settings = await buildRunSettings(args, io);
  if (listed.length === 0 && settings.zones.length === 0) {
    throw new UsageError('no domains: name domains to audit, or --file with one domain a line, or --zone FILE to audit every mail domain in a zone');
  }
  const named = validateAll(listed);
  if (settings.offline && settings.zones.length === 0) {
    throw new UsageError('a domain audit needs DNS: drop --offline, or give the zone to audit with --zone FILE');
  }
  const resolver = await openResolver(settings);
  if (!resolver) throw new UsageError('no DNS resolver for this run; maillint domain needs DNS or --zone');
  // No names with --zone: every MX owner and zone apex, as named-checkzone checks a zone untold.
  const inputs = listed.length > 0 ? named : (resolver.mailDomains?.() ?? []).map((name) => ({ name, normalized: name }));
  let failedLookups = 0;
  let report: ReportWriter;
  try {
    // Offline, only the zones answer: a name outside them cannot be audited, and saying nothing
    // about it would look like a pass.
    const outside = inputs.filter((input) => resolver.canAnswer && !resolver.canAnswer(input.normalized));
    if (outside.length > 0) {
      throw new UsageError(
        `--offline: ${outside.map((input) => shown(input.name)).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in the zone files given with --zone; ` +
          'add the zone file, or drop --offline to look it up',
      );
    }
    const run = createCliRun(settings, resolver);
    report = await openReport(args, io, settings);
    const progress = createProgress(io, { label: 'domains', total: inputs.length, quiet: args.quiet });
    try {
      // Reported in input order as they are ready (to a file or a pipe, jsonl and json are written
      // as they come): a shard of a million domains holds only the window's results.
      await auditInWindow(
        inputs,
        DOMAINS_PER_DNS_SLOT * settings.concurrency,
        async (input) => {
          const [result] = await run.auditDomains([input.name]);
          progress.tick();
          return result!;
        },
        (result) => report.add(result),
      );
      failedLookups = run.failedLookups();
    } finally {
      progress.done();
    }
  } finally {
    await resolver.close?.();
  }
  return report.close(failedLookups);
}

/**
 * Domains audited at once, per DNS query the run may have in flight: enough that every slot stays
 * busy when each domain has a question or two out (its SPF includes are asked one after another).
 * Starting all of a 1,000-domain list at once kept every audit's promises, closures and answers
 * alive together, and the young-generation collections that copied them were most of the GC time:
 * 456 -> 415 ms of a 1,000-domain audit against Knot, CPU 620 -> 550 ms.
 */
const DOMAINS_PER_DNS_SLOT = 2;

/** How far audits may run ahead of the first result not yet reported, in windows (a slow domain holds the rest). */
const WINDOWS_AHEAD = 8;

/**
 * `audit` over `inputs` with at most `width` in flight, each result handed to `report` in input order
 * as soon as it and all before it are in. Audits run at most WINDOWS_AHEAD windows past the first
 * result not yet reported, so a domain that waits for its timeouts does not make the rest pile up.
 */
async function auditInWindow<Input, Output>(
  inputs: readonly Input[],
  width: number,
  audit: (input: Input) => Promise<Output>,
  report: (output: Output) => void,
): Promise<void> {
  const ready = new Map<number, Output>();
  let next = 0;
  let reported = 0;
  let waiting: (() => void)[] = [];
  const reportReady = (): void => {
    if (!ready.has(reported)) return;
    while (ready.has(reported)) {
      const output = ready.get(reported)!;
      ready.delete(reported);
      reported += 1;
      report(output);
    }
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      if (next - reported >= WINDOWS_AHEAD * width) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const index = next;
      next += 1;
      try {
        ready.set(index, await audit(inputs[index]!));
      } catch (error) {
        // The run fails: no more audits are started on a resolver about to close.
        next = inputs.length;
        for (const wake of waiting) wake();
        throw error;
      }
      reportReady();
    }
  };
  const workers: Promise<void>[] = [];
  for (let count = 0; count < Math.min(width, inputs.length); count += 1) workers.push(worker());
  await Promise.all(workers);
}
