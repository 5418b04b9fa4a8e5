// Turns rule settings (config file, --rule, profile) into the effective severity and options of
// each check. Bad settings are a ConfigError: the CLI reports them and exits 2.

import { ConfigError } from '../errors.js';
import { quoteUserText, showUserValue } from '../input/quote.js';
import { closestName } from '../suggest.js';
import { INPUT_FINDINGS } from './input-findings.js';
import type { Check, CheckOptionValues, CheckTarget, Profile, RuleSetting, RuleSettings, Severity } from '../types.js';

export { ConfigError };

export interface ResolvedRule<RuleCheck extends Check = Check> {
  check: RuleCheck;
  severity: Severity;
  /** The user set the severity: it overrides a severity a check puts on a single finding. */
  explicit: boolean;
  options: CheckOptionValues;
}

const SEVERITIES: readonly Severity[] = ['error', 'warn', 'info', 'off'];

/** What the `template` profile changes: fields a sending library or MSA adds are not the template's job. */
export const PROFILE_SEVERITIES: Readonly<Record<Profile, Readonly<Record<string, Severity>>>> = {
  final: {},
  template: { 'date-missing': 'info', 'message-id-missing': 'info' },
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

function validateOptions(check: Check, options: unknown): CheckOptionValues {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(`rule ${check.id}: options must be an object`);
  }
  const specs = check.options ?? {};
  const values: Record<string, CheckOptionValues[string]> = {};
  for (const [name, spec] of Object.entries(specs)) values[name] = spec.default;
  for (const [name, value] of Object.entries(options)) {
    // Own keys only: "constructor" or "toString" must not find Object.prototype's.
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) {
      const known = Object.keys(specs);
      throw new ConfigError(
        `rule ${check.id}: unknown option ${quoteUserText(name)}` + (known.length ? ` (options: ${known.join(', ')})` : ' (it takes no options)'),
      );
    }
    const ok =
      spec.type === 'string[]'
        ? Array.isArray(value) && value.every((item) => typeof item === 'string')
        : spec.type === 'number'
          ? typeof value === 'number' && Number.isFinite(value)
          : typeof value === spec.type;
    if (!ok) throw new ConfigError(`rule ${check.id}: option "${name}" must be a ${spec.type}`);
    if (typeof value === 'number' && ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum))) {
      const range = spec.maximum === undefined ? `at least ${spec.minimum}` : spec.minimum === undefined ? `at most ${spec.maximum}` : `from ${spec.minimum} to ${spec.maximum}`;
      throw new ConfigError(`rule ${check.id}: option "${name}" must be ${range}, not ${value}`);
    }
    values[name] = value as CheckOptionValues[string];
  }
  return values;
}

/** The resolved rules of one target's checks that are not off, typed as that target's checks. */
export function enabledRulesFor<Target extends Check['target']>(
  resolved: ReadonlyMap<string, ResolvedRule>,
  target: Target,
): ResolvedRule<Extract<Check, { target: Target }>>[] {
  return [...resolved.values()].filter(
    (rule): rule is ResolvedRule<Extract<Check, { target: Target }>> => rule.check.target === target && rule.severity !== 'off',
  );
}

/** Throws a ConfigError for the first id no check has (a typo must never silently turn a check off). */
export function refuseUnknownCheckIds(checks: readonly Check[], ids: Iterable<string>): void {
  const known = new Set(checks.map((check) => check.id));
  for (const id of ids) {
    if (known.has(id)) continue;
    if (Object.hasOwn(INPUT_FINDINGS, id)) {
      throw new ConfigError(`${quoteUserText(id)} is not a check but a finding about the input, which no rule turns off (see \`maillint rules ${id}\`)`);
    }
    const guess = closestName(id, [...known]);
    throw new ConfigError(`unknown check id ${quoteUserText(id)}${guess ? `; did you mean ${guess}?` : ''} (see \`maillint rules\`)`);
  }
}

export function resolveRules(
  checks: readonly Check[],
  settings: RuleSettings = {},
  profile: Profile = 'final',
): Map<string, ResolvedRule> {
  refuseUnknownCheckIds(checks, Object.keys(settings));
  const profileSeverities = Object.hasOwn(PROFILE_SEVERITIES, profile) ? PROFILE_SEVERITIES[profile] : undefined;
  if (!profileSeverities) throw new ConfigError(`unknown profile ${quoteUserText(String(profile))} (final or template)`);

  const resolved = new Map<string, ResolvedRule>();
  for (const check of checks) {
    const setting: RuleSetting | undefined = settings[check.id];
    let severity: Severity = profileSeverities[check.id] ?? check.defaultSeverity;
    let options = validateOptions(check, {});
    let explicit = false;
    if (setting !== undefined) {
      const [settingSeverity, settingOptions] = Array.isArray(setting) ? setting : [setting, undefined];
      if (!isSeverity(settingSeverity)) {
        throw new ConfigError(`rule ${check.id}: severity must be one of ${SEVERITIES.join(', ')}, not ${showUserValue(settingSeverity)}`);
      }
      severity = settingSeverity;
      explicit = true;
      if (settingOptions !== undefined) options = validateOptions(check, settingOptions);
    }
    resolved.set(check.id, { check, severity, explicit, options });
  }
  return resolved;
}

/** The enabled rules of a run, by target: resolved once, however many targets the run checks. */
export type RuleSet = { readonly [Target in CheckTarget]: readonly ResolvedRule<Extract<Check, { target: Target }>>[] };

export function resolveRuleSet(checks: readonly Check[], settings?: RuleSettings, profile?: Profile): RuleSet {
  const resolved = resolveRules(checks, settings, profile);
  return {
    message: enabledRulesFor(resolved, 'message'),
    address: enabledRulesFor(resolved, 'address'),
    domain: enabledRulesFor(resolved, 'domain'),
    ip: enabledRulesFor(resolved, 'ip'),
    smtp: enabledRulesFor(resolved, 'smtp'),
  };
}

/** The facts the enabled rules of one target need: the run gathers these and no others. */
export function neededFacts<RuleCheck extends Check>(rules: readonly ResolvedRule<RuleCheck>[]): Set<RuleCheck['needs'][number]> {
  return new Set(rules.flatMap((rule) => rule.check.needs));
}
