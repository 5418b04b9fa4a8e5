// `maillint address`: one address as written (`user@example.com` or `Name <user@example.com>`),
// judged by the same address checks, rules and severities as the address fields of a message.

import addressInvalid, { inspectAddresses } from '../../checks/address-invalid.js';
import addressObsolete, { inspectObsolete } from '../../checks/address-obsolete.js';
import addressSpecialUseDomain, { inspectSpecialUse } from '../../checks/address-special-use-domain.js';
import addressTypoDomain, { inspectTypos } from '../../checks/address-typo-domain.js';
import addressUnquotedDisplayName, { inspectDisplayNames } from '../../checks/address-unquoted-display-name.js';
import { allChecks } from '../../checks/index.js';
import { standaloneAddressView, type AddressFieldView } from '../message/address.js';
import type { CheckOptionValues, Finding, MessageCheck, Profile, ReportedFinding, RuleSettings, TargetResult } from '../types.js';
import { resolveRules } from './rules.js';
import { runGuarded, sortFindings } from './run-check.js';

type Inspect = (views: readonly AddressFieldView[], options: CheckOptionValues) => Finding[];

/** The message checks that judge a single address, each with the function its `run` uses. */
const ADDRESS_CHECKS: readonly (readonly [MessageCheck, Inspect])[] = [
  [addressInvalid, (views) => inspectAddresses(views)],
  [addressObsolete, (views) => inspectObsolete(views)],
  [addressUnquotedDisplayName, (views) => inspectDisplayNames(views)],
  [addressSpecialUseDomain, inspectSpecialUse],
  [addressTypoDomain, inspectTypos],
];

export interface LintAddressOptions {
  rules?: RuleSettings;
  profile?: Profile;
}

/** Lints each address; the result's target is the address as written. Throws ConfigError on bad rules. */
export function lintAddresses(addresses: readonly string[], options: LintAddressOptions = {}): TargetResult[] {
  const resolved = resolveRules(allChecks, options.rules, options.profile);
  return addresses.map((text) => {
    const views = [standaloneAddressView(text)];
    const findings: ReportedFinding[] = [];
    for (const [check, inspect] of ADDRESS_CHECKS) {
      const rule = resolved.get(check.id);
      if (!rule || rule.severity === 'off') continue;
      findings.push(...runGuarded(rule, () => inspect(views, rule.options)));
    }
    return { target: text, findings: sortFindings(findings) };
  });
}

export function lintAddress(text: string, options: LintAddressOptions = {}): TargetResult {
  return lintAddresses([text], options)[0]!;
}

export type AddressVerdict = 'valid' | 'warning' | 'invalid';

/** invalid: an error finding; warning: a warn finding; valid: neither (info findings do not count). */
export function verdictOf(result: TargetResult): AddressVerdict {
  if (result.findings.some((finding) => finding.severity === 'error')) return 'invalid';
  if (result.findings.some((finding) => finding.severity === 'warn')) return 'warning';
  return 'valid';
}
