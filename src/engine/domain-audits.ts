// The domain target of a run: each domain's `mx` fact gathered once per run (concurrent callers share
// the audit), the domain checks run on it, and the domains a message names audited under the message.

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
import { neededFacts, type RuleSet } from './rules.js';
import { runRules } from './run-check.js';

/**
 * Distinct domains one message may make a run audit. A real message names a few; one that names
 * thousands (a hostile or broken To list) would otherwise drive thousands of look-ups.
 */
export const MAX_DOMAINS_PER_MESSAGE = 50;

export class InvalidDomainError extends Error {
  override name = 'InvalidDomainError';
}

/** The lower-case A-label form of a mail domain; throws InvalidDomainError for a name that is not one. */
export function mailDomainOf(domain: string): string {
  const checked = validateHostname(domain);
  if (!checked.ok) throw new InvalidDomainError(`${JSON.stringify(domain.length > 80 ? `${domain.slice(0, 77)}...` : domain)} is not a mail domain: ${checked.reason}`);
  return checked.normalized;
}

export interface DomainAudits {
  /** Findings for one mail domain (validated first: throws InvalidDomainError, never queried). */
  audit(domain: string): Promise<ReportedFinding[]>;
  /** Findings for the domains a message names, at the header line that names each one. */
  auditNamedIn(message: ParsedMessage): Promise<ReportedFinding[]>;
}

/** One gatherer per domain fact: a fact added to DomainFactValues without its gatherer does not compile. */
const DOMAIN_GATHERERS: { [Fact in keyof DomainFactValues]: (name: string, resolver: Resolver) => Promise<DomainFactValues[Fact]> } = {
  mx: async (name, resolver) => ({ domain: await gatherDomainFacts(name, resolver) }),
  spf: async (name, resolver) => ({ spf: await inspectSpf(name, resolver) }),
  dmarc: async (name, resolver) => ({ dmarc: await gatherDmarcFacts(name, resolver) }),
};

/**
 * Facts that judge a domain as a sender (SPF, DMARC): a message's domains get the checks needing them
 * only where they speak for its sender (Return-Path, From, Sender), never as a recipient's domain.
 */
export const SENDER_FACTS: ReadonlySet<keyof DomainFactValues> = new Set<keyof DomainFactValues>(['spf', 'dmarc']);

/** The facts `needed`, gathered at once, merged into one context. */
async function gatherFacts(name: string, resolver: Resolver, needed: ReadonlySet<keyof DomainFactValues>): Promise<Partial<DomainFactValues[keyof DomainFactValues]>> {
  const gathered = await Promise.all([...needed].map((fact) => DOMAIN_GATHERERS[fact](name, resolver)));
  return Object.assign({}, ...gathered) as Partial<DomainFactValues[keyof DomainFactValues]>;
}

export function createDomainAudits(rules: RuleSet, resolver: Resolver, now: Date): DomainAudits {
  const asSender = { rules: rules.domain, needed: neededFacts(rules.domain) };
  const recipientRules = rules.domain.filter((rule) => !rule.check.needs.some((fact) => SENDER_FACTS.has(fact)));
  const asRecipient = { rules: recipientRules, needed: neededFacts(recipientRules) };
  const audits = new Map<string, Promise<ReportedFinding[]>>();

  function auditName(name: string, role: 'sender' | 'recipient' = 'sender'): Promise<ReportedFinding[]> {
    const { rules: domainRules, needed } = role === 'sender' ? asSender : asRecipient;
    // With every domain check off there is nothing to ask; offline, a name outside the zone files
    // cannot be audited (the CLI refuses such names; a message's are skipped).
    if (needed.size === 0 || (resolver.canAnswer && !resolver.canAnswer(name))) return Promise.resolve([]);
    const key = `${role} ${name}`;
    let audit = audits.get(key);
    if (audit === undefined) {
      // Every enabled check's needs were gathered: the union covers each check's own.
      audit = gatherFacts(name, resolver, needed).then((facts) => runRules(domainRules, { name, now, ...facts } as never));
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
    async audit(domain) {
      return (await auditName(mailDomainOf(domain))).map((finding) => ({ ...finding }));
    },
    async auditNamedIn(message) {
      const named = placesIn(message);
      const senders = senderDomainsOf(message);
      const audited = named.slice(0, MAX_DOMAINS_PER_MESSAGE);
      const perDomain = await Promise.all(
        audited.map(async (place) =>
          (await auditName(place.domain, senders.has(place.domain) ? 'sender' : 'recipient')).map((finding) => ({
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
            `the message names ${named.length.toLocaleString('en-US')} distinct domains; the mail DNS of the first ${MAX_DOMAINS_PER_MESSAGE} was audited ` +
            `and that of the other ${(named.length - audited.length).toLocaleString('en-US')} was not (from ${first.domain} on)`,
          line: first.line,
          column: first.column,
          fix: 'split the recipients over several messages, or audit the domains with maillint domain --file',
        });
      }
      return findings;
    },
  };
}
