// `maillint domain <names..>` (and --file): audits each domain's mail DNS. Every name is validated
// before anything is queried, so one bad name stops the run with exit 2 and no lookups.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createResolver } from '../../dns/create-resolver.js';
import { validateHostname } from '../../dns/hostname.js';
import type { Resolver } from '../../dns/types.js';
import { createDomainAuditor } from '../../engine/audit-domain.js';
import type { TargetResult } from '../../types.js';
import { UsageError, type CliIo } from '../io.js';
import type { CommonArguments } from '../options.js';
import { createProgress } from '../progress.js';
import { reportResults } from '../report-results.js';
import { buildRunSettings } from '../settings.js';

export interface DomainArguments extends CommonArguments {
  names: string[];
  file?: string | undefined;
}

interface Input {
  /** As the user wrote it: the result's target. */
  name: string;
  /** Lower-case A-label form, looked up. */
  normalized: string;
  /** Where the input came from, for error messages: `argument 2`, `domains.txt:14`. */
  origin: string;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** One domain a line; `#` starts a comment; blank lines are skipped; `-` reads stdin. */
async function readDomainFile(file: string, io: CliIo): Promise<{ name: string; origin: string }[]> {
  let text: string;
  try {
    text = file === '-' ? await readStream(io.stdin) : await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`--file ${file}: cannot read it: ${(error as Error).message}`);
  }
  const inputs: { name: string; origin: string }[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const name = line.replace(/#.*/, '').trim();
    if (name !== '') inputs.push({ name, origin: `${file === '-' ? '<stdin>' : file}:${index + 1}` });
  });
  return inputs;
}

function shown(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name);
}

function validateAll(raw: readonly { name: string; origin: string }[]): Input[] {
  const inputs: Input[] = [];
  const problems: string[] = [];
  for (const { name, origin } of raw) {
    const checked = validateHostname(name);
    if (checked.ok) inputs.push({ name, normalized: checked.normalized, origin });
    else problems.push(`${origin}: ${shown(name)} is not a domain name: ${checked.reason}`);
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, 20);
    if (problems.length > listed.length) listed.push(`… and ${problems.length - listed.length} more`);
    throw new UsageError(`nothing was checked:\n  ${listed.join('\n  ')}`);
  }
  return inputs;
}

async function openResolver(args: DomainArguments, settings: Awaited<ReturnType<typeof buildRunSettings>>): Promise<Resolver> {
  if (settings.offline && settings.zones.length === 0) {
    throw new UsageError('a domain audit needs DNS: drop --offline, or give the zone to audit with --zone FILE');
  }
  let resolver: Resolver | undefined;
  try {
    resolver = await createResolver(settings);
  } catch (error) {
    // A zone file that cannot be read or parsed is a usage problem like a bad --resolver.
    if (error instanceof Error && error.name === 'ZoneFileError') throw new UsageError(error.message);
    throw error;
  }
  if (!resolver) throw new UsageError('no DNS resolver for this run; maillint domain needs DNS or --zone');
  return resolver;
}

export async function runDomain(args: DomainArguments, io: CliIo): Promise<number> {
  const raw = args.names.map((name, index) => ({ name, origin: `argument ${index + 1}` }));
  if (args.file !== undefined) raw.push(...(await readDomainFile(args.file, io)));
  if (raw.length === 0) throw new UsageError('no domains: name domains to audit, or --file with one domain a line');
  const inputs = validateAll(raw);

  const settings = await buildRunSettings(args, io);
  const resolver = await openResolver(args, settings);
  let results: TargetResult[];
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
    const auditor = createDomainAuditor({ resolver, rules: settings.rules, profile: settings.profile });
    const progress = createProgress(io, { label: 'domains', total: inputs.length, quiet: args.quiet });
    try {
      results = await Promise.all(
        inputs.map(async (input) => {
          const findings = await auditor.audit(input.normalized);
          progress.tick();
          return { target: input.name, findings };
        }),
      );
    } finally {
      progress.done();
    }
  } finally {
    await resolver.close?.();
  }
  return reportResults(results, args, io, settings);
}
