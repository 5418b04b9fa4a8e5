// Audits one domain's mail DNS: gather the facts through a Resolver (MX, then every exchange's A
// and AAAA at once, or the domain's own A/AAAA when it has no MX), then run the domain checks.
// An auditor audits each domain once per run; concurrent callers share the same audit.

import { allChecks } from '../../checks/index.js';
import type { DomainFacts, ExchangeFacts } from '../dns/domain-facts-types.js';
import { validateHostname } from '../dns/hostname.js';
import { ipLiteralOf, isNullExchange, mxRecordsOf } from '../dns/mx-facts.js';
import type { LookupResult, RecordType, Resolver } from '../dns/types.js';
import type { DomainCheck, Profile, ReportedFinding, RuleSettings, TargetResult } from '../types.js';
import { enabledRulesFor, resolveRules, type ResolvedRule } from './rules.js';
import { runGuarded, sortFindings } from './run-check.js';

/** More exchanges than any real domain lists; past it an MX set is broken or hostile. */
export const MAX_EXCHANGES = 16;

export interface DomainAuditOptions {
  resolver: Resolver;
  rules?: RuleSettings;
  profile?: Profile;
  now?: Date;
}

export interface DomainAuditor {
  /**
   * The findings for `domain` (a host name; U-labels are converted). A name that is not a valid
   * mail domain, or that the resolver cannot answer for (an offline run's zones do not cover it),
   * is not audited: it yields no findings (address checks report invalid names).
   */
  audit(domain: string): Promise<ReportedFinding[]>;
}

export async function gatherDomainFacts(domain: string, resolver: Resolver): Promise<DomainFacts> {
  const lookup = (name: string, type: RecordType): Promise<LookupResult> => resolver.lookup(name, type);
  const mx = await lookup(domain, 'MX');
  const facts: DomainFacts = { domain, mx, exchanges: [] };
  if (mx.status === 'nodata') {
    const [a, aaaa] = await Promise.all([lookup(domain, 'A'), lookup(domain, 'AAAA')]);
    facts.a = a;
    facts.aaaa = aaaa;
    return facts;
  }
  const preferences = new Map<string, number>();
  for (const record of mxRecordsOf(mx).sort((left, right) => left.preference - right.preference || left.exchange.localeCompare(right.exchange))) {
    // A null MX has nothing to look up; an exchange written as an IP address is not a name to look
    // up (mx-ip-literal reports both from the MX answer itself).
    if (isNullExchange(record.exchange) || isBareIpLiteral(record.exchange)) continue;
    if (!preferences.has(record.exchange)) preferences.set(record.exchange, record.preference);
  }
  const listed = [...preferences.entries()];
  const lookedUp = listed.slice(0, MAX_EXCHANGES);
  if (listed.length > MAX_EXCHANGES) facts.exchangesNotLookedUp = listed.slice(MAX_EXCHANGES).map(([exchange]) => exchange);
  // An offline run answers only from its zone files: an exchange outside them (a provider's host)
  // is not the zone's to check, and asking would only produce a failure.
  const outside = lookedUp.filter(([exchange]) => resolver.canAnswer !== undefined && !resolver.canAnswer(exchange));
  if (outside.length > 0) facts.exchangesOutsideZones = outside.map(([exchange, preference]) => ({ exchange, preference }));
  facts.exchanges = await Promise.all(
    lookedUp
      .filter((entry) => !outside.includes(entry))
      .map(async ([exchange, preference]): Promise<ExchangeFacts> => {
        const [a, aaaa] = await Promise.all([lookup(exchange, 'A'), lookup(exchange, 'AAAA')]);
        const facts: ExchangeFacts = { exchange, preference, a, aaaa };
        // NXDOMAIN and REFUSED carry no records: only a CNAME question shows whether the exchange is
        // an alias (whose target is missing, or lies outside the zone files: mx-cname reports both).
        // A SERVFAIL (a CNAME loop among others) is left to dns-lookup-failed alone.
        if (a.status === 'nxdomain' || a.status === 'refused') facts.cname = await lookup(exchange, 'CNAME');
        return facts;
      }),
  );
  return facts;
}

function isBareIpLiteral(exchange: string): boolean {
  const address = ipLiteralOf(exchange);
  return address !== undefined && !exchange.includes(`${address}.`);
}

function resolveDomainRules(rules?: RuleSettings, profile?: Profile): ResolvedRule<DomainCheck>[] {
  return enabledRulesFor(resolveRules(allChecks, rules, profile), 'domain');
}

function runDomainChecks(facts: DomainFacts, rules: readonly ResolvedRule<DomainCheck>[], now: Date): ReportedFinding[] {
  const findings: ReportedFinding[] = [];
  for (const rule of rules) {
    findings.push(...runGuarded(rule, () => rule.check.run({ domain: facts, options: rule.options, now })));
  }
  return sortFindings(findings);
}

/** Normalised (lower-case A-label) form of a mail domain, or undefined when it is not one. */
function mailDomainOf(domain: string): string | undefined {
  const result = validateHostname(domain);
  return result.ok ? result.normalized : undefined;
}

export function createDomainAuditor(options: DomainAuditOptions): DomainAuditor {
  // Resolved here so a bad rule setting fails at once, not on the first domain.
  const rules = resolveDomainRules(options.rules, options.profile);
  const now = options.now ?? new Date();
  const audits = new Map<string, Promise<ReportedFinding[]>>();
  return {
    audit(domain) {
      const name = mailDomainOf(domain);
      if (name === undefined || rules.length === 0) return Promise.resolve([]);
      if (options.resolver.canAnswer && !options.resolver.canAnswer(name)) return Promise.resolve([]);
      let audit = audits.get(name);
      if (audit === undefined) {
        audit = gatherDomainFacts(name, options.resolver).then((facts) => runDomainChecks(facts, rules, now));
        audits.set(name, audit);
      }
      return audit;
    },
  };
}

export class InvalidDomainError extends Error {
  override name = 'InvalidDomainError';
}

/**
 * Public API: audits one domain. `target` is the domain as given. Throws InvalidDomainError for a
 * name that is not a mail domain (it is never sent to the resolver).
 */
export async function auditDomain(domain: string, options: DomainAuditOptions): Promise<TargetResult> {
  const checked = validateHostname(domain);
  if (!checked.ok) throw new InvalidDomainError(`${JSON.stringify(domain)} is not a mail domain: ${checked.reason}`);
  const facts = await gatherDomainFacts(checked.normalized, options.resolver);
  return { target: domain, findings: runDomainChecks(facts, resolveDomainRules(options.rules, options.profile), options.now ?? new Date()) };
}
