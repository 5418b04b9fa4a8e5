// Lints one message: parse, run the enabled message checks, collect findings.

import { allChecks } from '../../checks/index.js';
import type { Resolver } from '../dns/types.js';
import { parseMessage, type ScanOptions } from '../message/scan.js';
import type { ParsedMessage } from '../message/types.js';
import type { MessageCheck, Profile, ReportedFinding, RuleSettings, TargetResult } from '../types.js';
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

export interface MessageLinter {
  /** The findings for one parsed message: its own checks, then the mail DNS of the domains it names. */
  lint(message: ParsedMessage): Promise<ReportedFinding[]>;
}

/**
 * What a run resolves once, however many messages it lints: the rules, the clock, and (with a
 * resolver) the domain auditor whose memo makes each domain one audit per run. DNS code is
 * loaded only by runs that make DNS queries.
 */
export async function createMessageLinter(options: LintOptions): Promise<MessageLinter> {
  const rules = resolveMessageRules(options);
  const now = options.now ?? new Date();
  let domainFindings: ((message: ParsedMessage) => Promise<ReportedFinding[]>) | undefined;
  if (options.resolver) {
    const [{ createDomainAuditor }, { domainFindingsFor }] = await Promise.all([import('./audit-domain.js'), import('./message-domains.js')]);
    const auditor = createDomainAuditor({
      resolver: options.resolver,
      now,
      ...(options.rules ? { rules: options.rules } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
    });
    domainFindings = (message) => domainFindingsFor(message, auditor);
  }
  return {
    async lint(message) {
      const findings = runMessageChecks(message, rules, now);
      if (!domainFindings || message.looksBinary) return findings;
      findings.push(...(await domainFindings(message)));
      return sortFindings(findings);
    },
  };
}

export async function lintMessage(input: string | Uint8Array, options: LintOptions = {}): Promise<TargetResult> {
  const linter = await createMessageLinter(options);
  return { target: options.target ?? '<message>', findings: await linter.lint(parseMessage(input, options)) };
}
