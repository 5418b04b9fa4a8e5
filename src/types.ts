// Public types shared by the engine, the checks, the formatters and the API.
// Kept free of imports from the rest of src/ so that every module can use it.

import type { ParsedMessage } from './message/types.js';
import type { DomainFacts } from './dns/domain-facts-types.js';
import type { IpFacts } from './dnsbl/types.js';

export type Severity = 'error' | 'warn' | 'info' | 'off';
/** A severity a finding can be reported with ('off' never reaches a report). */
export type ReportedSeverity = Exclude<Severity, 'off'>;

/** What a check looks at: a message, a domain's mail DNS, or a sending IP. */
export type CheckTarget = 'message' | 'domain' | 'ip';

/** Facts a check may ask the engine to gather (DNS and blocklist look-ups are only made when asked for). */
export type FactName = 'mx' | 'dnsbl';

/** Declaration of one option a check accepts (validated by the config loader, documented in the doc page). */
export interface CheckOptionSpec {
  type: 'number' | 'boolean' | 'string' | 'string[]';
  default: number | boolean | string | readonly string[];
  description: string;
  /** Numbers: the smallest and largest value accepted (a setting outside them is a config error). */
  minimum?: number;
  maximum?: number;
}

export type CheckOptionValues = Record<string, number | boolean | string | readonly string[]>;

/** What a check's `run` returns: one problem, located where possible. */
export interface Finding {
  message: string;
  /** 1-based line of the offending field or body line (message checks). */
  line?: number;
  /**
   * 1-based column: characters of the line decoded as UTF-8 (what an editor shows) for header
   * fields; octets for body positions, which the scanner counts without decoding.
   */
  column?: number;
  /** A mechanical fix, as text a person can apply ("add \"Date: …\""). */
  fix?: string;
  /**
   * A check whose findings differ in weight (mx-missing: implicit A fallback is a warning, no mail
   * host at all is an error) says so here; a severity the user configured for the check wins.
   */
  severity?: ReportedSeverity;
  data?: Record<string, unknown>;
}

export interface MessageCheckContext {
  message: ParsedMessage;
  options: CheckOptionValues;
  /** The moment the run started: checks never read the clock themselves, so runs are repeatable. */
  now: Date;
}

export interface DomainCheckContext {
  domain: DomainFacts;
  options: CheckOptionValues;
  now: Date;
}

export interface IpCheckContext {
  ip: IpFacts;
  options: CheckOptionValues;
  now: Date;
}

interface CheckBase {
  /** Stable kebab-case id, `<subject>-<problem>`; a public interface, never reused. */
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** The bounce (status code and text) this check lets a sender prevent. */
  prevents: string;
  references: readonly string[];
  needs: readonly FactName[];
  options?: Readonly<Record<string, CheckOptionSpec>>;
}

export interface MessageCheck extends CheckBase {
  target: 'message';
  run(context: MessageCheckContext): Finding[];
}
export interface DomainCheck extends CheckBase {
  target: 'domain';
  run(context: DomainCheckContext): Finding[];
}
export interface IpCheck extends CheckBase {
  target: 'ip';
  run(context: IpCheckContext): Finding[];
}

export type Check = MessageCheck | DomainCheck | IpCheck;

/** A finding as reported: which check, how severe, where. This is the JSON output's shape. */
export interface ReportedFinding {
  check: string;
  severity: ReportedSeverity;
  message: string;
  line?: number;
  column?: number;
  fix?: string;
  data?: Record<string, unknown>;
}

/** What a result's target is: formats that link to files (SARIF, GitHub) link only `file` targets. */
export type TargetKind = 'file' | 'stdin' | 'message' | 'domain' | 'ip' | 'address';

/** One linted thing (file path, `-` for stdin, domain or IP as the user wrote it) and its findings. */
export interface TargetResult {
  target: string;
  findings: ReportedFinding[];
  /**
   * Set by the CLI for the formatters that link to files; the API's results and the JSON report
   * keep the shape `{ target, findings }`. Absent, formats judge by the checks' targets.
   */
  kind?: TargetKind;
}

/** A rule entry as written in a config file or on the command line. */
export type RuleSetting = Severity | readonly [Severity, CheckOptionValues];
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

/**
 * `final` (default): the message as it will be sent. `template`: a rendered template before the
 * sending library or MSA adds Date and Message-ID, so their absence is only info.
 */
export type Profile = 'final' | 'template';
