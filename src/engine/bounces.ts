// `maillint bounce`: each bounce file (or mbox of bounces, Maildir folder, stdin, pasted reply line)
// becomes one target whose `bounces` are its recipients and whose findings are a `bounce-*` finding
// per failed, delayed or complained-about recipient, then the message checks' findings on the
// returned message (at lines of the bounce file). Closing the loop, unless the run has no resolver
// (--offline): the domain of an unknown host and the sender domain of an authentication failure are
// audited, and the IP a blocklist or reverse-DNS refusal names is checked, each once per run.

import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { classifyBounce, classifyReplyLine, looksLikeReplyLine, MAX_RECIPIENTS } from '../bounce/classify.js';
import type { BounceResult } from '../bounce/types.js';
import type { ReportedFinding, TargetResult } from '../types.js';
import { startsWithSeparator } from '../input/mbox.js';
import { expandPaths, type FileEntry } from './files.js';
import { BOUNCE_COMPLAINT, BOUNCE_DELAYED, BOUNCE_FAILED, BOUNCE_TRUNCATED, BOUNCE_UNRECOGNIZED, INPUT_SKIPPED, INPUT_UNREADABLE } from './input-findings.js';
import { isMailboxEntry, regularFileChunks, splitMailbox, type MessageReader } from './read-message.js';
import { separatorFindings, type Run } from './run.js';
import { sortFindings } from './run-check.js';

export interface BounceRunOptions {
  stdin?: Readable;
  cwd?: string;
  /** A message that is not a bounce is an error (exit 1) instead of a warning. */
  strict?: boolean;
  /** Audit the domains and check the IPs the bounces name (needs a run with a resolver). */
  lookUp?: boolean;
}

/** A bounce's report is at its start; a message past this is read only this far (an attachment is not needed). */
const MAX_BOUNCE_BYTES = 16 * 1024 * 1024;

interface Input {
  bytes: Buffer;
  /** Bytes past MAX_BOUNCE_BYTES were not read. */
  truncated: boolean;
}

/** One message's bytes, kept up to MAX_BOUNCE_BYTES (a mailbox's messages each get their own). */
class CappedBytes implements MessageReader<Input> {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  get full(): boolean {
    return this.size > MAX_BOUNCE_BYTES;
  }

  push(chunk: Buffer | Uint8Array | string): void {
    if (this.full) return;
    const bytes = typeof chunk === 'string' || !Buffer.isBuffer(chunk) ? Buffer.from(chunk) : chunk;
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  finish(): Input {
    return { bytes: Buffer.concat(this.chunks).subarray(0, MAX_BOUNCE_BYTES), truncated: this.full };
  }
}

async function readStream(stream: Readable | AsyncIterable<Uint8Array>): Promise<Input> {
  const collected = new CappedBytes();
  for await (const chunk of stream) {
    collected.push(chunk as Uint8Array | string);
    // Leaving the loop destroys the stream: an endless stdin is not read on.
    if (collected.full) break;
  }
  return collected.finish();
}

/** One message of an input: its bytes, the file line before its first (0 but in a mailbox), and what its reading says. */
interface BounceMessage extends Input {
  lineOffset: number;
  findings: ReportedFinding[];
}

/** A mailbox's messages, split and located as `maillint lint` splits them (read-message.ts splitMailbox). */
async function* mailboxMessages(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<BounceMessage> {
  for await (const message of splitMailbox(chunks, () => new CappedBytes())) {
    yield { ...message.read, lineOffset: message.separatorLine, findings: separatorFindings(message) };
  }
}

function bounceFinding(result: BounceResult): ReportedFinding | undefined {
  const where = [result.status, result.reply].filter(Boolean).join(' ');
  const said = result.diagnostic ? `: ${result.diagnostic}` : '';
  const message = `${result.recipient || 'recipient not named'} ${result.action} (${result.reason}${where ? `, ${where}` : ''})${said}`;
  const located = result.line === undefined ? {} : { line: result.line, column: 1 };
  if (result.reason === 'feedback') return { check: BOUNCE_COMPLAINT, severity: 'warn', message: `${result.recipient || 'a recipient'} complained (feedback report)`, fix: result.remedy, ...located };
  if (result.action === 'failed') return { check: BOUNCE_FAILED, severity: 'error', message, fix: result.remedy, ...located };
  if (result.action === 'delayed') return { check: BOUNCE_DELAYED, severity: 'warn', message, fix: result.remedy, ...located };
  return undefined;
}

function shifted(results: BounceResult[], offset: number): BounceResult[] {
  return offset === 0 ? results : results.map((result) => (result.line === undefined ? result : { ...result, line: result.line + offset }));
}

interface LookUps {
  domains: Set<string>;
  ips: Set<string>;
}

interface BounceContext {
  strict: boolean;
  lookUps: LookUps;
}

/**
 * What the bounces name to look up: the recipient domain of an unknown host or a domain without mail,
 * the sender domain (the returned message's From) of an authentication failure, the IP of a blocklist
 * or reverse-DNS refusal.
 */
function collectLookUps(lookUps: LookUps, bounces: readonly BounceResult[], returnedHeader: string | undefined): void {
  for (const bounce of bounces) {
    const domain = /@([^@\s>]+)$/.exec(bounce.recipient)?.[1]?.toLowerCase();
    if ((bounce.reason === 'hostunknown' || bounce.reason === 'notaccept') && domain) lookUps.domains.add(domain);
    if (bounce.ip && (bounce.reason === 'blocked' || bounce.reason === 'requireptr' || bounce.reason === 'badreputation')) lookUps.ips.add(bounce.ip);
    if (bounce.reason === 'authfailure' && returnedHeader !== undefined) {
      const from = /^From:[^\n]*?@([A-Za-z0-9.-]+)/im.exec(returnedHeader)?.[1]?.toLowerCase();
      if (from) lookUps.domains.add(from);
    }
  }
}

function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/**
 * What the copy in a bounce cannot tell about the message as sent: its Date is as old as the bounce
 * (date-skew would measure the bounce's age), and its line endings are the bounce's or the mailbox's
 * (MTAs and mbox files store LF), not those that went over SMTP.
 */
const NOT_KEPT_IN_A_COPY = new Set(['date-skew', 'line-ending']);

/** One message of a bounce file: its recipients, their findings, and the returned message linted. */
async function readOneBounce(run: Run, bytes: Buffer, lineOffset: number, lookUps: LookUps): Promise<{ bounces: BounceResult[]; findings: ReportedFinding[] }> {
  const { reading, results, omitted } = classifyBounce(bytes);
  const bounces = shifted(results, lineOffset);
  collectLookUps(lookUps, bounces, reading.returned?.bytes.toString('latin1').split(/\r?\n\r?\n/)[0]);
  const findings = bounces.flatMap((result) => bounceFinding(result) ?? []);
  if (omitted > 0) findings.push({ check: BOUNCE_TRUNCATED, severity: 'warn', message: `${omitted} more recipients than one bounce is read for (${MAX_RECIPIENTS}) were not classified`, line: lineOffset + 1, column: 1 });
  if (reading.returned) {
    // Its lines, in positions and in the findings' text, are lines of the bounce file.
    const linted = await run.lintMessage(reading.returned.bytes, { lineOffset: reading.returned.firstLine - 1 + lineOffset });
    // Edits are offsets in the copy, not in the bounce file, and a bounce is not fixed: the fix sentence stays.
    for (const { edits: _edits, suggestions: _suggestions, ...finding } of linted.findings) {
      if (NOT_KEPT_IN_A_COPY.has(finding.check)) continue;
      findings.push({ ...finding, message: `returned message: ${finding.message}` });
    }
  }
  return { bounces, findings };
}

function notABounce(strict: boolean): ReportedFinding {
  return {
    check: BOUNCE_UNRECOGNIZED,
    severity: strict ? 'error' : 'warn',
    message: 'not a bounce: no delivery status, feedback report, auto-reply or failed recipient found',
    line: 1,
    column: 1,
  };
}

function truncatedFinding(message: BounceMessage, inMailbox: boolean): ReportedFinding {
  const megabytes = MAX_BOUNCE_BYTES / 1024 / 1024;
  if (!inMailbox) return { check: BOUNCE_TRUNCATED, severity: 'warn', message: `only the first ${megabytes} MB were read` };
  return { check: BOUNCE_TRUNCATED, severity: 'warn', message: `only the first ${megabytes} MB of this message were read`, line: message.lineOffset + 1, column: 1 };
}

async function bounceTarget(run: Run, messages: AsyncIterable<BounceMessage> | Iterable<BounceMessage>, target: TargetResult, context: BounceContext, inMailbox: boolean): Promise<TargetResult> {
  const bounces: BounceResult[] = [];
  const findings: ReportedFinding[] = [];
  for await (const message of messages) {
    findings.push(...message.findings);
    if (message.truncated) findings.push(truncatedFinding(message, inMailbox));
    const read = await readOneBounce(run, message.bytes, message.lineOffset, context.lookUps);
    bounces.push(...read.bounces);
    findings.push(...read.findings);
  }
  if (bounces.length === 0) findings.unshift(notABounce(context.strict));
  return { ...target, findings: sortFindings(findings), bounces };
}

/** Standard input: a mailbox when it starts with a "From " line, else one message. */
async function stdinTarget(run: Run, stdin: Readable | AsyncIterable<Uint8Array>, context: BounceContext): Promise<TargetResult> {
  const input = await readStream(stdin);
  const target: TargetResult = { target: '<stdin>', kind: 'stdin', findings: [] };
  if (!startsWithSeparator(input.bytes)) return bounceTarget(run, [{ ...input, lineOffset: 0, findings: [] }], target, context, false);
  const result = await bounceTarget(run, mailboxMessages([input.bytes]), target, context, true);
  return input.truncated ? { ...result, findings: [truncatedFinding({ ...input, lineOffset: 0, findings: [] }, false), ...result.findings] } : result;
}

/** A file or Maildir message found by the walk lint uses (files.ts expandPaths); a mailbox is split as lint splits it. */
async function fileTarget(run: Run, entry: FileEntry, context: BounceContext): Promise<TargetResult> {
  const target: TargetResult = { target: entry.path, kind: 'file', findings: [] };
  if ('skipped' in entry) return { ...target, findings: [{ check: INPUT_SKIPPED, severity: 'warn', message: `not read: ${entry.skipped}` }] };
  if ('error' in entry) return { ...target, findings: [{ check: INPUT_UNREADABLE, severity: 'error', message: `cannot read ${entry.path}: ${entry.error}` }] };
  try {
    if (isMailboxEntry(entry)) return await bounceTarget(run, mailboxMessages(regularFileChunks(entry.absolutePath)), target, context, true);
    return await bounceTarget(run, [{ ...(await readStream(regularFileChunks(entry.absolutePath))), lineOffset: 0, findings: [] }], target, context, false);
  } catch (error) {
    return { ...target, findings: [{ check: INPUT_UNREADABLE, severity: 'error', message: `cannot read ${entry.path}: ${(error as Error).message}` }] };
  }
}

/** Each input as a target, in order; then the domains and IPs they name, each once. */
export async function* readBounces(run: Run, inputs: readonly string[], options: BounceRunOptions = {}): AsyncGenerator<TargetResult> {
  const context: BounceContext = { strict: options.strict ?? false, lookUps: { domains: new Set(), ips: new Set() } };
  for (const input of inputs) {
    if (input !== '-' && looksLikeReplyLine(input) && !exists(join(options.cwd ?? '.', input))) {
      const bounce = classifyReplyLine(input);
      collectLookUps(context.lookUps, [bounce], undefined);
      const finding = bounceFinding(bounce);
      yield { target: input, kind: 'message', findings: finding ? [finding] : [], bounces: [bounce] };
      continue;
    }
    if (input === '-') {
      yield await stdinTarget(run, options.stdin ?? process.stdin, context);
      continue;
    }
    for await (const entry of expandPaths([input], options.cwd)) yield await fileTarget(run, entry, context);
  }
  if (options.lookUp) yield* await lookUpAll(run, [...context.lookUps.domains], [...context.lookUps.ips]);
}

/** Audits that fail on a name or address that is not one (a hostile bounce) are left out, not fatal. */
async function lookUpAll(run: Run, domains: string[], ips: string[]): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const domain of domains) {
    try {
      results.push(...(await run.auditDomains([domain])));
    } catch {
      // Not a domain name maillint can audit: the bounce's own result already says what it is.
    }
  }
  for (const ip of ips) {
    try {
      results.push(...(await run.checkIps([ip])));
    } catch {
      // Not an address: nothing to check.
    }
  }
  return results;
}
