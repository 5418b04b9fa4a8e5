// One-call forms of the run object for the public API: each creates a run, checks its targets and
// is done. A caller checking many targets with the same settings creates one run (createRun) instead.

import type { Resolver } from '../dns/types.js';
import type { TargetResult } from '../types.js';
import type { MessageFix } from './fix-message.js';
import { createRun, type FileRunOptions, type RunOptions } from './run.js';
import type { SmtpCheckRequest } from './smtp-check.js';

/** `target` names the result; `lineOffset` counts the lines before the message in its file (an mbox). */
export type LintOptions = RunOptions & { target?: string; lineOffset?: number };

export async function lintMessage(input: string | Uint8Array, options: LintOptions = {}): Promise<TargetResult> {
  const { target, lineOffset } = options;
  return createRun(options).lintMessage(input, { ...(target === undefined ? {} : { target }), ...(lineOffset === undefined ? {} : { lineOffset }) });
}

/** The message repaired by the safe fixes: `output` (octets), the findings `fixed`, and those `remaining`. */
export function fixMessage(input: string | Uint8Array, options: RunOptions = {}): Promise<MessageFix> {
  return createRun(options).fixMessage(input);
}

export type LintFilesOptions = RunOptions & FileRunOptions;

export function lintFileStream(paths: readonly string[], options: LintFilesOptions = {}): AsyncGenerator<TargetResult> {
  return createRun(options).lintFileStream(paths, options);
}

export function lintFiles(paths: readonly string[], options: LintFilesOptions = {}): Promise<TargetResult[]> {
  return createRun(options).lintFiles(paths, options);
}

export function checkAddresses(addresses: readonly string[], options: RunOptions = {}): TargetResult[] {
  return createRun(options).checkAddresses(addresses);
}

export function auditDomains(names: readonly string[], options: RunOptions & { resolver: Resolver }): Promise<TargetResult[]> {
  return createRun(options).auditDomains(names);
}

/** Without a `resolver`, the nameservers of /etc/resolv.conf are asked, and released afterwards. */
export async function checkIps(ips: readonly string[], options: RunOptions = {}): Promise<TargetResult[]> {
  if (options.resolver) return createRun(options).checkIps(ips);
  const { createNetworkResolver } = await import('../dns/network-resolver.js');
  const resolver = createNetworkResolver();
  try {
    return await createRun({ ...options, resolver }).checkIps(ips);
  } finally {
    await resolver.close?.();
  }
}

/** One submission server by the smtp-* checks (RCPT, never DATA); see Run.checkSmtp. */
export function checkSmtp(request: SmtpCheckRequest, options: RunOptions = {}): Promise<TargetResult> {
  return createRun(options).checkSmtp(request);
}

export type AddressVerdict = 'valid' | 'warning' | 'invalid';

/** invalid: an error finding; warning: a warn finding; valid: neither (info findings do not count). */
export function verdictOf(result: TargetResult): AddressVerdict {
  if (result.findings.some((finding) => finding.severity === 'error')) return 'invalid';
  if (result.findings.some((finding) => finding.severity === 'warn')) return 'warning';
  return 'valid';
}
