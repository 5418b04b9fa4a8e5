// The domain target of a run: each domain's facts (mx, spf, dmarc, dkim, as the enabled checks' needs
// name them) gathered once per run (concurrent callers share the audit), the domain checks run on
// them, and the domains a message names audited under the message.

import { dkimSignersOf } from '../auth/dkim-signature.js';
import { gatherDkimKeys } from '../auth/gather-dkim.js';
import { gatherDmarcFacts } from '../auth/gather-dmarc.js';
import { envelopeSenderOf, senderDomainsOf } from '../auth/envelope.js';
import { inspectSpf } from '../auth/spf/inspect.js';
import { gatherDomainFacts } from '../dns/gather-domain-facts.js';
import { validateHostname } from '../dns/hostname.js';
import type { Resolver } from '../dns/types.js';
import { domainsNamedIn, type NamedDomain } from '../message/address.js';
import type { ParsedMessage } from '../message/types.js';
import type { DomainFactValues, ReportedFinding } from '../types.js';
import { INPUT_DOMAINS_CAPPED } from './input-findings.js';
import { neededFacts, type ResolvedRule, type RuleSet } from './rules.js';
import { runRules } from './run-check.js';
import { formatCount } from '../message/fields.js';

/**
 * Distinct domains one message may make a run audit. A real message names a few; one that names
 * thousands (a hostile or broken To list) would otherwise drive thousands of look-ups.
 */
export const MAX_DOMAINS_PER_MESSAGE = 50;

/** Distinct DKIM-Signature keys (d= and s=) of one message whose key records a run looks up. */
export const MAX_SIGNATURES_PER_MESSAGE = 10;

export class InvalidDomainError extends Error {
  override name = 'InvalidDomainError';
}

/** The lower-case A-label form of a mail domain; throws InvalidDomainError for a name that is not one. */
export function mailDomainOf(domain: string): string {
  const checked = validateHostname(domain);
  if (!checked.ok) throw new InvalidDomainError(`${JSON.stringify(domain.length > 80 ? `${domain.slice(0, 77)}...` : domain)} is not a mail domain: ${checked.reason}`);
  return checked.normalized;
}

export interface DomainAuditOptions {
  /** DKIM selectors whose keys are checked for every domain audited by `audit` (--dkim-selector, dkimSelectors). */
  dkimSelectors?: readonly string[];
}

export interface DomainAudits {
  /** Findings for one mail domain, as mailDomainOf returns it (validated and normalised). */
  audit(mailDomain: string): Promise<ReportedFinding[]>;
  /**
   * Findings for the domains a message names, at the header line that names each one; and the DKIM
   * keys of its DKIM-Signature fields (d= and s=), at the field.
   */
  auditNamedIn(message: ParsedMessage): Promise<ReportedFinding[]>;
}

/** What one audit of a domain asks beyond its name: the DKIM selectors known for it. */
interface AuditRequest {
  name: string;
  dkimSelectors: readonly string[];
}

/** One gatherer per domain fact: a fact added to DomainFactValues without its gatherer does not compile. */
const DOMAIN_GATHERERS: { [Fact in keyof DomainFactValues]: (request: AuditRequest, resolver: Resolver) => Promise<DomainFactValues[Fact]> } = {
  mx: ({ name }, resolver) => gatherDomainFacts(name, resolver).then((domain) => ({ domain })),
  dmarc: ({ name }, resolver) => gatherDmarcFacts(name, resolver).then((dmarc) => ({ dmarc })),
  dkim: ({ name, dkimSelectors }, resolver) => gatherDkimKeys(name, dkimSelectors, resolver).then((dkimKeys) => ({ dkimKeys })),
  spf: ({ name }, resolver) => inspectSpf(name, resolver).then((spf) => ({ spf })),
};

/**
 * Facts that judge a domain as a sender (SPF, DMARC, DKIM keys): a message's domains get the checks
 * needing them only where they speak for its sender (Return-Path, From, Sender), never as a
 * recipient's domain; a DKIM-Signature's keys are checked at that field.
 */
export const SENDER_FACTS: ReadonlySet<keyof DomainFactValues> = new Set<keyof DomainFactValues>(['spf', 'dmarc', 'dkim']);

type Gatherer = (typeof DOMAIN_GATHERERS)[keyof DomainFactValues];

/** The facts of `gatherers`, gathered at once, merged into one context. */
function gatherFacts(request: AuditRequest, resolver: Resolver, gatherers: readonly Gatherer[]): Promise<Partial<DomainFactValues[keyof DomainFactValues]>> {
  // One fact (a domain run with the MX checks alone) has nothing to merge.
  if (gatherers.length === 1) return gatherers[0]!(request, resolver);
  return Promise.all(gatherers.map((gather) => gather(request, resolver))).then(
    (gathered) => Object.assign({}, ...gathered) as Partial<DomainFactValues[keyof DomainFactValues]>,
  );
}

type DomainRules = RuleSet['domain'];

/** The enabled checks that need none of `facts`. */
function rulesWithout(rules: DomainRules, facts: ReadonlySet<string>): DomainRules {
  return rules.filter((rule: ResolvedRule) => !(rule.check.needs as readonly string[]).some((fact) => facts.has(fact)));
}

export function createDomainAudits(rules: RuleSet, resolver: Resolver, now: Date, options: DomainAuditOptions = {}): DomainAudits {
  const runSelectors = [...new Set(options.dkimSelectors ?? [])];
  // The check sets one audit may run, by name (the name keys the audit cache): all of them for a
  // domain named on its own or as a message's sender, the recipient's share, a signature's key.
  const checkSets = {
    sender: rules.domain,
    recipient: rulesWithout(rules.domain, SENDER_FACTS),
    signature: rules.domain.filter((rule: ResolvedRule) => (rule.check.needs as readonly string[]).includes('dkim')),
  };
  // The gatherers of each check set, worked out once per run rather than once per domain.
  const gatherersOf = (checks: DomainRules): Gatherer[] => [...neededFacts(checks)].map((fact) => DOMAIN_GATHERERS[fact]);
  const gatherers = { sender: gatherersOf(checkSets.sender), recipient: gatherersOf(checkSets.recipient), signature: gatherersOf(checkSets.signature) };
  const audits = new Map<string, Promise<ReportedFinding[]>>();

  /** Each (checks, name, selectors) is audited once; the resolver asks each (name, type) once whatever the audits. */
  function auditName(name: string, dkimSelectors: readonly string[], role: keyof typeof checkSets = 'sender'): Promise<ReportedFinding[]> {
    const checks = checkSets[role];
    // With every domain check off there is nothing to ask; offline, a name outside the zone files
    // cannot be audited (the CLI refuses such names; a message's are skipped).
    if (gatherers[role].length === 0 || (resolver.canAnswer && !resolver.canAnswer(name))) return Promise.resolve([]);
    const key = `${role} ${name} ${dkimSelectors.join(' ')}`;
    let audit = audits.get(key);
    if (audit === undefined) {
      // Every enabled check's needs were gathered: the union covers each check's own.
      audit = gatherFacts({ name, dkimSelectors }, resolver, gatherers[role]).then((facts) => runRules(checks, { name, now, ...facts } as never));
      audits.set(key, audit);
    }
    return audit;
  }

  /** The domains a message names, its envelope sender's first (a Return-Path domain is named nowhere else). */
  function placesIn(message: ParsedMessage): NamedDomain[] {
    const named = domainsNamedIn(message);
    const envelope = envelopeSenderOf(message);
    if (envelope?.domain === undefined || named.some((place) => place.domain === envelope.domain)) return named;
    return [{ domain: envelope.domain, fieldName: 'Return-Path', line: envelope.line, column: envelope.column }, ...named];
  }

  return {
    async audit(mailDomain) {
      return (await auditName(mailDomain, runSelectors)).map((finding) => ({ ...finding }));
    },
    async auditNamedIn(message) {
      const named = placesIn(message);
      const senders = senderDomainsOf(message);
      const audited = named.slice(0, MAX_DOMAINS_PER_MESSAGE);
      const signers = checkSets.signature.length === 0 ? [] : dkimSignersOf(message).slice(0, MAX_SIGNATURES_PER_MESSAGE);
      // Each signature's key is reported at its own DKIM-Signature field, whether or not the message
      // names its d= domain elsewhere (an ESP's d= is audited for its key alone).
      const places = [
        ...audited.map((place) => ({ ...place, selectors: [] as string[], role: senders.has(place.domain) ? ('sender' as const) : ('recipient' as const) })),
        ...signers.map((signer) => ({ ...signer, fieldName: 'DKIM-Signature', selectors: [signer.selector], role: 'signature' as const })),
      ];
      const perDomain = await Promise.all(
        places.map(async (place) =>
          (await auditName(place.domain, place.selectors, place.role)).map((finding) => ({
            ...finding,
            line: place.line,
            column: place.column,
            message: finding.message.includes(place.domain)
              ? `${place.fieldName}: ${finding.message}`
              : `${place.fieldName} domain ${place.domain}: ${finding.message}`,
          })),
        ),
      );
      const findings = perDomain.flat();
      if (named.length > audited.length) {
        const first = named[audited.length]!;
        findings.push({
          check: INPUT_DOMAINS_CAPPED,
          severity: 'warn',
          message:
            `the message names ${formatCount(named.length)} distinct domains; the mail DNS of the first ${MAX_DOMAINS_PER_MESSAGE} was audited ` +
            `and that of the other ${formatCount(named.length - audited.length)} was not (from ${first.domain} on)`,
          line: first.line,
          column: first.column,
          fix: 'split the recipients over several messages, or audit the domains with maillint domain --file',
        });
      }
      return findings;
    },
  };
}
