// `maillint bounce`: each bounce file (or mbox of bounces, Maildir folder, stdin, pasted reply line)
// becomes one target whose `bounces` are its recipients and whose findings are a `bounce-*` finding
// per failed, delayed or complained-about recipient, then the message checks' findings on the
// returned message (at lines of the bounce file). Closing the loop, unless the run has no resolver
// (--offline): the domain of an unknown host and the sender domain of an authentication failure are
// audited, and the IP a blocklist or reverse-DNS refusal names is checked, each once per run.

import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { classifyBounce, classifyReplyLine, looksLikeReplyLine, MAX_RECIPIENTS } from '../bounce/classify.js';
import type { BounceResult } from '../bounce/types.js';
import type { ReportedFinding, TargetResult } from '../types.js';
import { expandPaths } from './files.js';
import { BOUNCE_COMPLAINT, BOUNCE_DELAYED, BOUNCE_FAILED, BOUNCE_TRUNCATED, BOUNCE_UNRECOGNIZED, INPUT_UNREADABLE } from './input-findings.js';
import type { Run } from './run.js';
import { sortFindings } from './run-check.js';

export interface BounceRunOptions {
  stdin?: Readable;
  cwd?: string;
  /** A message that is not a bounce is an error (exit 1) instead of a warning. */
  strict?: boolean;
  /** Audit the domains and check the IPs the bounces name (needs a run with a resolver). */
  lookUp?: boolean;
}

/** A bounce's report is at its start; a file past this is read only this far (an attachment is not needed). */
const MAX_BOUNCE_BYTES = 16 * 1024 * 1024;

interface Input {
  bytes: Buffer;
  /** Bytes past MAX_BOUNCE_BYTES were not read. */
  truncated: boolean;
}

function readCapped(path: string | Buffer): Input {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(descriptor);
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    const buffer = Buffer.alloc(Math.min(info.size, MAX_BOUNCE_BYTES));
    const read = buffer.length === 0 ? 0 : readSync(descriptor, buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, read), truncated: info.size > MAX_BOUNCE_BYTES };
  } finally {
    closeSync(descriptor);
  }
}

async function readStream(stream: Readable | AsyncIterable<Uint8Array>): Promise<Input> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    chunks.push(bytes);
    size += bytes.length;
    // Leaving the loop destroys the stream: an endless stdin is not read on.
    if (size > MAX_BOUNCE_BYTES) break;
  }
  return { bytes: Buffer.concat(chunks).subarray(0, MAX_BOUNCE_BYTES), truncated: size > MAX_BOUNCE_BYTES };
}

/** An mbox (RFC 4155) holds messages each starting with a `From ` line: their bytes and first lines. */
export function splitMbox(bytes: Buffer): Array<{ bytes: Buffer; firstLine: number }> {
  const text = bytes.toString('latin1');
  if (!text.startsWith('From ')) return [{ bytes, firstLine: 1 }];
  const starts: number[] = [0];
  for (let index = text.indexOf('\nFrom '); index !== -1; index = text.indexOf('\nFrom ', index + 1)) starts.push(index + 1);
  if (starts.length === 1) return [{ bytes, firstLine: 1 }];
  let line = 1;
  let counted = 0;
  return starts.map((start, index) => {
    for (let cursor = text.indexOf('\n', counted); cursor !== -1 && cursor < start; cursor = text.indexOf('\n', cursor + 1)) line += 1;
    counted = start;
    return { bytes: bytes.subarray(start, starts[index + 1] ?? bytes.length), firstLine: line };
  });
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
    const linted = await run.lintMessage(reading.returned.bytes);
    const firstLine = reading.returned.firstLine + lineOffset;
    for (const finding of linted.findings) {
      if (NOT_KEPT_IN_A_COPY.has(finding.check)) continue;
      findings.push({ ...finding, message: `returned message: ${finding.message}`, ...(finding.line === undefined ? {} : { line: finding.line + firstLine - 1 }) });
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

async function bounceTarget(run: Run, input: Input, target: TargetResult, context: BounceContext): Promise<TargetResult> {
  const bounces: BounceResult[] = [];
  const findings: ReportedFinding[] = [];
  if (input.truncated) findings.push({ check: BOUNCE_TRUNCATED, severity: 'warn', message: `only the first ${MAX_BOUNCE_BYTES / 1024 / 1024} MB were read` });
  for (const message of splitMbox(input.bytes)) {
    const read = await readOneBounce(run, message.bytes, message.firstLine - 1, context.lookUps);
    bounces.push(...read.bounces);
    findings.push(...read.findings);
  }
  if (bounces.length === 0) findings.unshift(notABounce(context.strict));
  return { ...target, findings: sortFindings(findings), bounces };
}

/** Maildir (cur/ and new/ hold one message a file, no extension): the files of those folders. */
function maildirFiles(path: string): string[] | undefined {
  try {
    if (!statSync(path).isDirectory()) return undefined;
    const folders = ['cur', 'new'].filter((name) => statSync(join(path, name), { throwIfNoEntry: false })?.isDirectory());
    if (folders.length === 0) return undefined;
    return folders.flatMap((folder) => readdirSync(join(path, folder)).sort().map((name) => join(path, folder, name)));
  } catch {
    return undefined;
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
      const result: TargetResult = { target: input, kind: 'message', findings: finding ? [finding] : [], bounces: [bounce] };
      yield result;
      continue;
    }
    if (input === '-') {
      const result = await bounceTarget(run, await readStream(options.stdin ?? process.stdin), { target: '<stdin>', kind: 'stdin', findings: [] }, context);
      yield result;
      continue;
    }
    const paths = maildirFiles(join(options.cwd ?? '.', input))?.map((file) => ({ path: file, absolutePath: file }));
    const entries = paths ?? expandPaths([input], options.cwd);
    for await (const entry of entries) {
      let result: TargetResult;
      if ('error' in entry) result = { target: entry.path, kind: 'file', findings: [{ check: INPUT_UNREADABLE, severity: 'error', message: `cannot read ${entry.path}: ${entry.error}` }] };
      else if ('skipped' in entry) continue;
      else {
        try {
          result = await bounceTarget(run, readCapped(entry.absolutePath), { target: entry.path, kind: 'file', findings: [] }, context);
        } catch (error) {
          result = { target: entry.path, kind: 'file', findings: [{ check: INPUT_UNREADABLE, severity: 'error', message: `cannot read ${entry.path}: ${(error as Error).message}` }] };
        }
      }
      yield result;
    }
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
