// Lints one message: parse, run the enabled message checks, collect findings.

import { allChecks } from '../../checks/index.js';
import type { Resolver } from '../dns/types.js';
import { parseMessage, type ScanOptions } from '../message/scan.js';
import type { ParsedMessage } from '../message/types.js';
import type { MessageCheck, Profile, ReportedFinding, RuleSettings, TargetResult } from '../types.js';
import type { DomainAuditor } from './audit-domain.js';
import { INPUT_BINARY } from './input-findings.js';
import { enabledRulesFor, resolveRules, type ResolvedRule } from './rules.js';
import { runGuarded, sortFindings } from './run-check.js';

export interface LintOptions extends ScanOptions {
  rules?: RuleSettings;
  profile?: Profile;
  /** The time date-skew measures against; defaults to the time of the call. */
  now?: Date;
  /** Name shown as the result's target (a file path, `-` for stdin). */
  target?: string;
  /**
   * Audit the MX of the domains the message names through this resolver. Without one (the
   * default) linting makes no DNS query at all.
   */
  resolver?: Resolver;
}

/** The rules resolved once per run, not once per message. */
export function resolveMessageRules(options: LintOptions): ResolvedRule<MessageCheck>[] {
  return enabledRulesFor(resolveRules(allChecks, options.rules, options.profile), 'message');
}

/** A message whose first kilobyte is NUL bytes or control characters is not linted field by field. */
function binaryInputFinding(message: ParsedMessage): ReportedFinding {
  return {
    check: INPUT_BINARY,
    severity: 'error',
    message: `input is binary data (${message.size} octets with NUL or control bytes), not an RFC 5322 message`,
    line: 1,
    column: 1,
  };
}

export function runMessageChecks(message: ParsedMessage, rules: readonly ResolvedRule<MessageCheck>[], now: Date): ReportedFinding[] {
  if (message.looksBinary) return [binaryInputFinding(message)];
  const findings: ReportedFinding[] = [];
  for (const rule of rules) {
    findings.push(...runGuarded(rule, () => rule.check.run({ message, options: rule.options, now })));
  }
  return sortFindings(findings);
}

export async function lintMessage(input: string | Uint8Array, options: LintOptions = {}): Promise<TargetResult> {
  const message = parseMessage(input, options);
  const now = options.now ?? new Date();
  const findings = runMessageChecks(message, resolveMessageRules(options), now);
  if (options.resolver && !message.looksBinary) {
    const auditor = await createAuditor({ ...options, resolver: options.resolver, now });
    findings.push(...(await (await import('./message-domains.js')).domainFindingsFor(message, auditor)));
    sortFindings(findings);
  }
  return { target: options.target ?? '<message>', findings };
}

/** DNS code is loaded only by runs that make DNS queries. */
export async function createAuditor(options: LintOptions & { resolver: Resolver; now: Date }): Promise<DomainAuditor> {
  const { createDomainAuditor } = await import('./audit-domain.js');
  return createDomainAuditor({
    resolver: options.resolver,
    now: options.now,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });
}
