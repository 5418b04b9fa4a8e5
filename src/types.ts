// Public types shared by the engine, the checks, the formatters and the API.
// Kept free of imports from the rest of src/ so that every module can use it.

import type { ParsedMessage } from './message/types.js';
import type { DomainFacts } from './dns/domain-facts-types.js';
import type { IpFacts } from './dnsbl/types.js';
import type { AddressFieldView } from './message/address.js';
import type { FixEdit, FixSuggestion } from './fix/edit.js';
import type { BounceResult } from './bounce/types.js';
import type { SmtpFacts } from './smtp/types.js';
import type { SpfFacts } from './auth/spf/tree.js';
import type { DkimKeyFacts } from './auth/dkim-types.js';
import type { DmarcFacts } from './auth/dmarc-types.js';
import type { PtrFacts } from './auth/ptr-types.js';
import type { AuthenticationFacts } from './auth/authentication.js';
import type { MimeStructure } from './mime/types.js';

export type { FixEdit, FixSuggestion } from './fix/edit.js';
export type { BounceAction, BounceReason, BounceResult } from './bounce/types.js';

export type Severity = 'error' | 'warn' | 'info' | 'off';
/** A severity a finding can be reported with ('off' never reaches a report). */
export type ReportedSeverity = Exclude<Severity, 'off'>;

/**
 * What a check looks at: a message, one address (of a message's address fields, or given alone), a
 * domain's mail DNS, a sending IP, or the dialogue with a submission server.
 */
export type CheckTarget = 'message' | 'address' | 'domain' | 'ip' | 'smtp';

/**
 * The facts the engine can gather for a domain, by name, and the context property each one fills.
 * A check names the facts it reads in `needs`; its `run` sees those properties and no others, and the
 * engine gathers a fact only when an enabled check needs it (src/engine/domain-audits.ts holds one
 * gatherer per name, so adding a fact here without its gatherer does not compile).
 */
export interface DomainFactValues {
  /** The MX answer and its exchanges' addresses (src/dns/gather-domain-facts.ts). */
  mx: { domain: DomainFacts };
  /** The SPF record(s), parsed, and the include/redirect tree with its lookup counts (src/auth/spf/inspect.ts). */
  spf: { spf: SpfFacts };
  /** The DMARC policy that applies to the domain, and its report destinations' authorizations (src/auth/gather-dmarc.ts). */
  dmarc: { dmarc: DmarcFacts };
  /** The key record of each DKIM selector the run knows for the domain (src/auth/gather-dkim.ts). */
  dkim: { dkimKeys: DkimKeyFacts[] };
}

/** The facts the engine can gather for a sending IP, as DomainFactValues is for a domain. */
export interface IpFactValues {
  /** Every configured blocklist's answer for the address (src/dnsbl/gather.ts). */
  dnsbl: { ip: IpFacts };
  /** The address's PTR names and whether each resolves back to it (src/auth/ptr.ts). */
  ptr: { ptr: PtrFacts };
}

/**
 * The facts the engine can gather for a message, as DomainFactValues is for a domain. They need DNS
 * and the run's sending IPs: a run without both does not run the checks that need them.
 */
export interface MessageFactValues {
  /** check_host() for each sending IP on the envelope and From domains (src/auth/authentication.ts). */
  authentication: { authentication: AuthenticationFacts };
}

/** The facts a check of each target may name in `needs`. */
export interface FactsByTarget {
  message: keyof MessageFactValues;
  address: never;
  domain: keyof DomainFactValues;
  ip: keyof IpFactValues;
  /** The dialogue gathers every SMTP fact at once: there is nothing to choose. */
  smtp: never;
}
export type FactName = FactsByTarget[CheckTarget];

// The context properties of a set of needed facts: { domain } & { spf } for needs ['mx', 'spf'].
type Intersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (value: infer Both) => void ? Both : never;
type FactProperties<Values, Needs extends keyof Values> = [Needs] extends [never] ? unknown : Intersection<Values[Needs]>;

/** Declaration of one option a check accepts (validated by the config loader, documented in the doc page). */
export interface CheckOptionSpec {
  type: 'number' | 'boolean' | 'string' | 'string[]';
  default: number | boolean | string | readonly string[];
  description: string;
  /** Numbers: the smallest and largest value accepted (a setting outside them is a config error). */
  minimum?: number;
  maximum?: number;
}

export type CheckOptionSpecs = Readonly<Record<string, CheckOptionSpec>>;

// Distributes over a union of types, so the untyped spec record maps to the union of all values.
type ValueOfType<Type extends CheckOptionSpec['type']> = Type extends 'number'
  ? number
  : Type extends 'boolean'
    ? boolean
    : Type extends 'string'
      ? string
      : readonly string[];

/** The option values a check's `run` receives, typed from its option specs: a misspelt name does not compile. */
export type OptionValuesOf<Specs extends CheckOptionSpecs> = { readonly [Name in keyof Specs]: ValueOfType<Specs[Name]['type']> };

/** Option values as the engine holds them, for any check. */
export type CheckOptionValues = Readonly<Record<string, number | boolean | string | readonly string[]>>;

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
   * The same fix as data, when it is safe to apply without asking (`--fix`): edits on the octets
   * of the message as linted, applied together or not at all.
   */
  edits?: readonly FixEdit[];
  /** Repairs that need a person's judgement: shown, never applied. */
  suggestions?: readonly FixSuggestion[];
  /**
   * A check whose findings differ in weight (mx-missing: implicit A fallback is a warning, no mail
   * host at all is an error) says so here; a severity the user configured for the check wins.
   */
  severity?: ReportedSeverity;
  data?: Record<string, unknown>;
}

interface ContextBase<Options> {
  options: Options;
  /** The moment the run started: checks never read the clock themselves, so runs are repeatable. */
  now: Date;
}

export type MessageCheckContext<Options = CheckOptionValues, Needs extends keyof MessageFactValues = never> = ContextBase<Options> & {
  message: ParsedMessage;
  /** The message's MIME entities (the message itself first) and their content facts. */
  mime: MimeStructure;
} & FactProperties<MessageFactValues, Needs>;

export interface AddressCheckContext<Options = CheckOptionValues> extends ContextBase<Options> {
  /** A message's From, Sender, Reply-To, To, Cc and Bcc fields, parsed; or one address given alone. */
  addresses: readonly AddressFieldView[];
}

export type DomainCheckContext<Options = CheckOptionValues, Needs extends keyof DomainFactValues = keyof DomainFactValues> = ContextBase<Options> & {
  /** The domain audited: lower-case A-label form, no trailing dot. */
  name: string;
} & FactProperties<DomainFactValues, Needs>;

export type IpCheckContext<Options = CheckOptionValues, Needs extends keyof IpFactValues = keyof IpFactValues> = ContextBase<Options> & {
  /** The address checked, canonical form. */
  address: string;
} & FactProperties<IpFactValues, Needs>;

export interface SmtpCheckContext<Options = CheckOptionValues> extends ContextBase<Options> {
  /** What the submission dialogue found (src/smtp/types.ts); server text in it is escaped and capped. */
  smtp: SmtpFacts;
}

interface CheckBase<Target extends CheckTarget, Specs extends CheckOptionSpecs, Needs extends FactsByTarget[Target] = FactsByTarget[Target]> {
  /** Stable kebab-case id, `<subject>-<problem>`; a public interface, never reused. */
  id: string;
  title: string;
  target: Target;
  defaultSeverity: Severity;
  /** The bounce (status code and text) this check lets a sender prevent. */
  prevents: string;
  references: readonly string[];
  /** The facts the engine gathers before `run`; none of a target's checks enabled means no look-ups. */
  needs: readonly Needs[];
  options?: Specs;
}

export interface MessageCheck<Specs extends CheckOptionSpecs = CheckOptionSpecs, Needs extends keyof MessageFactValues = keyof MessageFactValues>
  extends CheckBase<'message', Specs, Needs> {
  run(context: MessageCheckContext<OptionValuesOf<Specs>, Needs>): Finding[];
}
export interface AddressCheck<Specs extends CheckOptionSpecs = CheckOptionSpecs> extends CheckBase<'address', Specs> {
  run(context: AddressCheckContext<OptionValuesOf<Specs>>): Finding[];
}
export interface DomainCheck<Specs extends CheckOptionSpecs = CheckOptionSpecs, Needs extends keyof DomainFactValues = keyof DomainFactValues>
  extends CheckBase<'domain', Specs, Needs> {
  run(context: DomainCheckContext<OptionValuesOf<Specs>, Needs>): Finding[];
}
export interface IpCheck<Specs extends CheckOptionSpecs = CheckOptionSpecs, Needs extends keyof IpFactValues = keyof IpFactValues> extends CheckBase<'ip', Specs, Needs> {
  run(context: IpCheckContext<OptionValuesOf<Specs>, Needs>): Finding[];
}

export interface SmtpCheck<Specs extends CheckOptionSpecs = CheckOptionSpecs> extends CheckBase<'smtp', Specs> {
  run(context: SmtpCheckContext<OptionValuesOf<Specs>>): Finding[];
}

export type Check = MessageCheck | AddressCheck | DomainCheck | IpCheck | SmtpCheck;

/** A finding as reported: which check, how severe, where. This is the JSON output's shape. */
export interface ReportedFinding {
  check: string;
  severity: ReportedSeverity;
  message: string;
  line?: number;
  column?: number;
  fix?: string;
  /** Byte-range edits --fix applies (see Finding.edits). */
  edits?: readonly FixEdit[];
  suggestions?: readonly FixSuggestion[];
  data?: Record<string, unknown>;
}

/** What a result's target is: formats that link to files (SARIF, GitHub) link only `file` targets. */
export type TargetKind = 'file' | 'stdin' | 'message' | 'domain' | 'ip' | 'address' | 'smtp';

/** One linted thing (file path, `-` for stdin, domain or IP as the user wrote it) and its findings. */
export interface TargetResult {
  target: string;
  findings: ReportedFinding[];
  /**
   * Set by the CLI for the formatters that link to files; the API's results and the JSON report
   * keep the shape `{ target, findings }`. Absent, formats judge by the checks' targets.
   */
  kind?: TargetKind;
  /**
   * --fix-dry-run and fixMessage: the message as the fixes leave it, as text when it is valid UTF-8
   * (ESLint's `output`), else base64 in `outputBase64`. Absent when nothing would change.
   */
  output?: string;
  outputBase64?: string;
  /** --fix and --fix-dry-run: the findings the fixes repaired (not in the JSON report, which lists what remains). */
  fixed?: readonly ReportedFinding[];
  /**
   * `maillint bounce`: one result per recipient the bounce reports (JSON writes them beside
   * `findings`); each failed or delayed one is also a `bounce-*` finding, so every format reports it.
   */
  bounces?: BounceResult[];
  /** The file a `file` target lives in when the target is not the file itself (`box.mbox` for `box.mbox#3`). */
  file?: string;
}

/** A rule entry as written in a config file or on the command line. */
export type RuleSetting = Severity | readonly [Severity, CheckOptionValues];
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

/**
 * `final` (default): the message as it will be sent. `template`: a rendered template before the
 * sending library or MSA adds Date and Message-ID, so their absence is only info.
 */
export type Profile = 'final' | 'template';
