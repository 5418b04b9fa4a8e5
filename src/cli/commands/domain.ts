// `maillint domain <names..>` (and --file): audits each domain's mail DNS. Every name is validated
// before anything is queried, so one bad name stops the run with exit 2 and no lookups.

import { validateHostname } from '../../dns/hostname.js';
import { UsageError, type CliIo } from '../io.js';
import { openResolver } from '../open-resolver.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { argumentInputs, readListFile, refuseIfAnyInvalid, type ListedInput } from '../read-list-file.js';
import { inOrderWithinWindow } from '../in-order-window.js';
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
      await inOrderWithinWindow(
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
