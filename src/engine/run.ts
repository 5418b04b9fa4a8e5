// The run object: settings resolved once (rules, clock, resolver, blocklists), then any number of
// targets (files, messages, addresses, domains, IPs) checked through one loop (run-check.ts). DNS and
// blocklist code is loaded only by a run that looks something up, so linting one file stays fast.

import type { Readable } from 'node:stream';
import type { SpfVerdict } from '../auth/spf/check-host.js';
import { allChecks } from '../../checks/index.js';
import { countFailures } from '../dns/failure-count.js';
import type { Resolver } from '../dns/types.js';
import { addressFieldsOf, standaloneAddressView } from '../message/address.js';
import type { ScanOptions } from '../message/scan.js';
import { MailScanner, parseMail, type ScannedMail } from '../mime/scan-mail.js';
import type { MimeStructure } from '../mime/types.js';
import type { Profile, ReportedFinding, RuleSettings, TargetResult } from '../types.js';
import type { DomainAudits } from './domain-audits.js';
import { expandPaths, type FileEntry } from './files.js';
import type { FixMode } from './fix-files.js';
import type { MessageFix } from './fix-message.js';
import { FIX_MAILBOX_MESSAGE, FIX_WRITE_FAILED, INPUT_BINARY, INPUT_MBOX_SEPARATOR, INPUT_MIME_CAPPED, INPUT_SKIPPED, INPUT_UNREADABLE } from './input-findings.js';
import type { IpChecks } from './ip-checks.js';
import { orderedPool } from './ordered-pool.js';
import { isWellFormedSeparator } from '../input/mbox.js';
import { isMailboxEntry, readMessageFile, scanMailbox, scanStream, type MailboxMessage } from './read-message.js';
import { ConfigError, resolveRuleSet } from './rules.js';
import { capPerCheck, runRules, sortFindings } from './run-check.js';
import type { SmtpCheckRequest } from './smtp-check.js';

export interface RunOptions extends ScanOptions {
  rules?: RuleSettings;
  profile?: Profile;
  /** The time date-skew measures against; defaults to the moment the run is created. */
  now?: Date;
  /**
   * Where DNS questions go (createResolver, createNetworkResolver or loadZoneFiles). Without one a
   * run makes no DNS query at all: messages are linted offline, and domains and IPs cannot be checked.
   */
  resolver?: Resolver;
  /** Blocklists as in the config file's `dnsbl`: zone names or objects. Default: the default lists. */
  blocklists?: readonly unknown[];
  /**
   * DKIM selectors whose keys (`<selector>._domainkey.<domain>`) are checked for every domain
   * auditDomains audits. A linted message's keys come from its own DKIM-Signature fields.
   */
  dkimSelectors?: readonly string[];
  /** IPs the linted messages will be sent from: checked once, reported after the files by lintFiles. */
  sendingIps?: readonly string[];
}

export interface FileRunOptions {
  /** Where `-` reads from (default: process.stdin). */
  stdin?: Readable;
  /** Folder that relative paths are opened from (default: the process's). */
  cwd?: string;
  /**
   * `write` (--fix): repair each message file in place and report what remains; `dry-run`
   * (--fix-dry-run): write nothing, and put each repaired message in the result's `output`.
   * Standard input is never written: with `write`, `-` is refused (ConfigError).
   */
  fix?: FixMode;
  /** Extensions folder walks take as messages besides .eml (".txt"). */
  extensions?: readonly string[];
}

export interface Run {
  readonly now: Date;
  /**
   * One message from bytes or text; `target` names it in the result (default `<message>`). `lineOffset`:
   * lines of an enclosing file before the message's line 1 (a message quoted in a bounce), added to
   * every line the findings give, in positions and in text alike (edits stay offsets in `input`).
   */
  lintMessage(input: string | Uint8Array, options?: { target?: string; lineOffset?: number }): Promise<TargetResult>;
  /** One message repaired by the safe fixes of the enabled checks (see fix-message.ts); signed messages are left alone. */
  fixMessage(input: string | Uint8Array): Promise<MessageFix>;
  /** Files and folders (`-` is stdin), in input order as each is ready, then the sending IPs. */
  lintFileStream(paths: readonly string[], options?: FileRunOptions): AsyncGenerator<TargetResult>;
  lintFiles(paths: readonly string[], options?: FileRunOptions): Promise<TargetResult[]>;
  /** Addresses as written (`user@example.com`, `Name <user@example.com>`), by the address checks. */
  checkAddresses(addresses: readonly string[]): TargetResult[];
  /** Mail domains' DNS; throws InvalidDomainError before any query when a name is not a domain. */
  auditDomains(names: readonly string[]): Promise<TargetResult[]>;
  /** Sending IPs against the blocklists; throws InvalidIpAddressError before any query for a bad input. */
  checkIps(ips: readonly string[]): Promise<TargetResult[]>;
  /**
   * One submission server, by the smtp-* checks: connect, TLS, AUTH, MAIL and RCPT for the envelope
   * (from the message or given), never DATA. Throws InvalidSmtpTargetError for a bad host or port.
   */
  checkSmtp(request: SmtpCheckRequest): Promise<TargetResult>;
  /** Distinct DNS lookups of this run that failed, whatever the rules reported of them. */
  failedLookups(): number;
}

/** A message whose first kilobyte is NUL bytes or control characters is not linted field by field. */
function binaryInputFinding(): ReportedFinding {
  return {
    check: INPUT_BINARY,
    severity: 'error',
    // No size: reading stops once the verdict is certain, so the size would be only what was read.
    message: 'input is binary data (NUL or control bytes at its start), not an RFC 5322 message',
    line: 1,
    column: 1,
  };
}

/** A message inside a larger file (an mbox, a bounce): its checks and findings count lines from the file's start. */
function placedInFile(mail: ScannedMail, lineOffset: number): ScannedMail {
  return lineOffset === 0 ? mail : { ...mail, message: { ...mail.message, lineOffset } };
}

/** Positions as lines of the enclosing file, as the checks already wrote the lines in their text (ParsedMessage.lineOffset). */
function shiftedToFile(findings: ReportedFinding[], lineOffset: number): ReportedFinding[] {
  if (lineOffset === 0) return findings;
  return findings.map((finding) => (finding.line === undefined ? finding : { ...finding, line: finding.line + lineOffset }));
}

/** Parts past the MIME scanner's nesting or part bound were not checked: said, never silent. */
function mimeCappedFindings(mime: MimeStructure): ReportedFinding[] {
  return mime.problems.flatMap((problem) =>
    problem.kind === 'capped'
      ? [{ check: INPUT_MIME_CAPPED, severity: 'warn' as const, message: `${problem.reason}: the parts past it were not checked`, line: problem.line }]
      : [],
  );
}

/** A "From " line that is not "From <sender> <date>": mail stores may not split the mailbox there. */
export function separatorFindings(message: Pick<MailboxMessage, 'index' | 'separator' | 'separatorLine'>): ReportedFinding[] {
  if (message.separator === undefined) {
    return [
      {
        check: INPUT_MBOX_SEPARATOR,
        severity: 'warn',
        message: 'the mailbox does not start with a "From " separator line (RFC 4155): what stands before the first one is read as a message',
        line: 1,
        column: 1,
      },
    ];
  }
  if (isWellFormedSeparator(message.separator)) return [];
  return [
    {
      check: INPUT_MBOX_SEPARATOR,
      severity: 'warn',
      message: `the mbox separator of message ${message.index} is not "From <sender> <asctime date>" (RFC 4155): mail programs may not split the mailbox here`,
      line: message.separatorLine,
      column: 1,
    },
  ];
}

function unreadable(path: string, reason: string): TargetResult {
  const stdin = path === '-';
  const target = stdin ? '<stdin>' : path;
  return { target, kind: stdin ? 'stdin' : 'file', findings: [{ check: INPUT_UNREADABLE, severity: 'error', message: `cannot read ${target}: ${reason}` }] };
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR' || code === 'ENOTFILE') return 'not a regular file';
  return error instanceof Error ? error.message : String(error);
}

/** Files read at once: enough to overlap disk and DNS waits, few enough to bound memory. */
const FILES_IN_FLIGHT = 8;

export function createRun(options: RunOptions = {}): Run {
  // Resolved here so a bad rule setting fails at once (ConfigError), before any target.
  const rules = resolveRuleSet(allChecks, options.rules, options.profile);
  const now = options.now ?? new Date();
  // Counted here, whatever the rules: a run whose lookups failed never reads as clean.
  const resolver = options.resolver ? countFailures(options.resolver) : undefined;
  let domainAudits: Promise<{ audits: DomainAudits; mailDomainOf: (domain: string) => string }> | undefined;
  let ipChecks: Promise<IpChecks> | undefined;

  function needResolver(what: string): Resolver {
    if (!resolver) throw new ConfigError(`${what} needs DNS: create the run with a resolver (createResolver, or loadZoneFiles for zone files)`);
    return resolver;
  }
  // The audits and their module's validator, imported once: an import() per audited domain, even
  // of a loaded module, went through the module loader each time (a domain run audits thousands).
  function domains(): Promise<{ audits: DomainAudits; mailDomainOf: (domain: string) => string }> {
    const dns = needResolver('auditing domains');
    domainAudits ??= import('./domain-audits.js').then(({ createDomainAudits, mailDomainOf }) => ({
      audits: createDomainAudits(rules, dns, now, { dkimSelectors: options.dkimSelectors ?? [] }),
      mailDomainOf,
    }));
    return domainAudits;
  }
  function ips(): Promise<IpChecks> {
    const dns = needResolver('checking IPs against blocklists');
    ipChecks ??= Promise.all([import('./ip-checks.js'), import('../dnsbl/catalogue.js')]).then(([{ createIpChecks }, catalogue]) => {
      const lists = options.blocklists === undefined ? catalogue.DEFAULT_BLOCKLISTS : catalogue.validateBlocklistSettings(options.blocklists);
      return createIpChecks(rules, dns, lists, now);
    });
    return ipChecks;
  }

  // Message checks that need facts (SPF verdicts for the sending IPs) run only where the run can
  // gather them: with a resolver and sending IPs. Verdicts are shared by the run's messages.
  const plainMessageRules = rules.message.filter((rule) => rule.check.needs.length === 0);
  const authenticationRules = rules.message.filter((rule) => rule.check.needs.length > 0);
  const spfVerdicts = new Map<string, Promise<SpfVerdict>>();
  const dmarcEvaluations = { policies: new Map(), keys: new Map() };

  function lintOffline({ message, mime }: ScannedMail): ReportedFinding[] {
    if (message.looksBinary) return [binaryInputFinding()];
    return [...runRules(plainMessageRules, { message, mime, now } as never), ...mimeCappedFindings(mime), ...runRules(rules.address, { addresses: addressFieldsOf(message), now })];
  }

  async function authenticationFindings({ message, mime }: ScannedMail): Promise<ReportedFinding[]> {
    const sendingIps = options.sendingIps ?? [];
    if (authenticationRules.length === 0 || !resolver || sendingIps.length === 0) return [];
    const { gatherAuthentication } = await import('../auth/authentication.js');
    const authentication = await gatherAuthentication(message, sendingIps, resolver, now, spfVerdicts, dmarcEvaluations);
    return runRules(authenticationRules, { message, mime, now, authentication });
  }

  async function lintParsed(mail: ScannedMail): Promise<ReportedFinding[]> {
    const { message } = mail;
    if (message.looksBinary) return shiftedToFile([binaryInputFinding()], message.lineOffset);
    const findings = [...lintOffline(mail), ...(await authenticationFindings(mail))];
    if (resolver && rules.domain.length > 0) findings.push(...(await (await domains()).audits.auditNamedIn(message)));
    return shiftedToFile(capPerCheck(sortFindings(findings)), message.lineOffset);
  }

  /**
   * Each message of an mbox file is a target of its own (`file.mbox#3`), its positions lines of the file.
   * A mailbox is never rewritten, and a fix's edits are offsets in its message, not in the file: they
   * are left out (the fix sentence stays), and `fix` mode says on each message why it was left.
   */
  async function* lintMailbox(path: string, absolutePath: string | Buffer, fix: FixMode | undefined): AsyncGenerator<TargetResult> {
    let messages = 0;
    try {
      for await (const message of scanMailbox(absolutePath, options)) {
        messages += 1;
        const findings = (await lintParsed(placedInFile(message.mail, message.separatorLine))).map(({ edits: _edits, suggestions: _suggestions, ...finding }) => finding);
        const fixNote: ReportedFinding[] = fix
          ? [{ check: FIX_MAILBOX_MESSAGE, severity: 'info', message: 'not fixed: --fix rewrites message files, never a mailbox; fix the draft where it is written', line: message.separatorLine + 1, column: 1 }]
          : [];
        yield { target: `${path}#${message.index}`, kind: 'file', file: path, findings: [...separatorFindings(message), ...fixNote, ...findings] };
      }
    } catch (error) {
      yield unreadable(path, describeReadError(error));
      return;
    }
    if (messages === 0) yield { target: path, kind: 'file', findings: [{ check: INPUT_SKIPPED, severity: 'warn', message: 'not read: an empty mailbox (no message in it)' }] };
  }

  /** Parses every input first (InvalidIpAddressError before any query), loads and validates the lists. */
  async function prepareIpChecks(inputs: readonly string[]): Promise<IpChecks> {
    const { parseIpAddress } = await import('../net/ip.js');
    for (const ip of inputs) parseIpAddress(ip);
    return ips();
  }

  async function checkIps(inputs: readonly string[]): Promise<TargetResult[]> {
    const checks = await prepareIpChecks(inputs);
    return Promise.all(inputs.map(async (ip) => ({ target: ip, kind: 'ip' as const, findings: await checks.check(ip) })));
  }

  async function* lintFileStream(paths: readonly string[], fileOptions: FileRunOptions = {}): AsyncGenerator<TargetResult> {
    const sendingIps = options.sendingIps ?? [];
    // A bad sending IP or list stops the run before any file is read; the lookups then go on while
    // the files are linted, and their results follow the files.
    let ipResults: Promise<TargetResult[]> | undefined;
    if (sendingIps.length > 0) {
      await prepareIpChecks(sendingIps);
      ipResults = checkIps(sendingIps);
      // Awaited after the files; a caller that stops early must not leave an unhandled rejection.
      ipResults.catch(() => undefined);
    }
    async function lintEntry(entry: FileEntry): Promise<TargetResult | AsyncGenerator<TargetResult>> {
      if ('error' in entry) return unreadable(entry.path, entry.error);
      if ('skipped' in entry) return { target: entry.path, kind: 'file', findings: [{ check: INPUT_SKIPPED, severity: 'warn', message: `not read: ${entry.skipped}` }] };
      if (isMailboxEntry(entry)) return lintMailbox(entry.path, entry.absolutePath, fileOptions.fix);
      try {
        if (fileOptions.fix) {
          const fixed = await fixEntry(entry, fileOptions, fileOptions.fix);
          if (fixed) return fixed;
        }
        const mail =
          entry.path === '-' ? await scanStream(fileOptions.stdin ?? process.stdin, options) : await readMessageFile(entry.absolutePath, options);
        return { target: entry.path === '-' ? '<stdin>' : entry.path, kind: entry.path === '-' ? 'stdin' : 'file', findings: await lintParsed(mail) };
      } catch (error) {
        return unreadable(entry.path, describeReadError(error));
      }
    }
    if (fileOptions.fix === 'write' && paths.includes('-')) {
      throw new ConfigError('--fix does not rewrite standard input: use --fix-dry-run --format json, whose report carries the repaired message as "output"');
    }
    for await (const outcome of orderedPool(expandPaths(paths, fileOptions.cwd, fileOptions.extensions), FILES_IN_FLIGHT, lintEntry)) {
      if (Symbol.asyncIterator in outcome) yield* outcome;
      else yield outcome;
    }
    if (ipResults) yield* await ipResults;
  }

  // Loaded only by a run that fixes, so linting one file starts no slower.
  async function fixBytes(bytes: Uint8Array): Promise<MessageFix> {
    const { fixParsedMessage } = await import('./fix-message.js');
    return fixParsedMessage(bytes, { parse: (current) => parseMail(current, options), lintOffline, lintFully: lintParsed });
  }

  /** A file or stdin repaired; undefined when it is too large to fix (it is then linted as usual). */
  async function fixEntry(entry: { path: string; absolutePath: string | Buffer }, fileOptions: FileRunOptions, mode: FixMode): Promise<TargetResult | undefined> {
    const { fixResult, readWholeFile, readWholeStream, writeAtomically } = await import('./fix-files.js');
    const stdin = entry.path === '-';
    const base = { target: stdin ? '<stdin>' : entry.path, kind: stdin ? ('stdin' as const) : ('file' as const) };
    if (stdin) {
      const read = await readWholeStream(fileOptions.stdin ?? process.stdin, new MailScanner(options));
      return Buffer.isBuffer(read) ? fixResult(base, await fixBytes(read), mode) : { ...base, findings: await lintParsed(read) };
    }
    const file = readWholeFile(entry.absolutePath);
    if (!file) return undefined;
    const fix = await fixBytes(file.bytes);
    if (mode === 'write' && fix.changed) {
      try {
        await writeAtomically(entry.absolutePath, fix.output, file.mode, file.identity);
      } catch (error) {
        const finding: ReportedFinding = { check: FIX_WRITE_FAILED, severity: 'error', message: `cannot write the fixed message: ${describeReadError(error)}` };
        return { ...base, findings: [finding, ...(await lintParsed(parseMail(file.bytes, options)))] };
      }
    }
    return fixResult(base, fix, mode);
  }

  return {
    now,
    async lintMessage(input, messageOptions = {}) {
      const lineOffset = messageOptions.lineOffset ?? 0;
      if (!Number.isSafeInteger(lineOffset) || lineOffset < 0) throw new ConfigError(`lintMessage: lineOffset must be a whole number ≥ 0, not ${String(lineOffset).slice(0, 40)}`);
      const mail = placedInFile(parseMail(input, options), lineOffset);
      return { target: messageOptions.target ?? '<message>', findings: await lintParsed(mail) };
    },
    fixMessage(input) {
      return fixBytes(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
    },
    lintFileStream,
    async lintFiles(paths, fileOptions) {
      const results: TargetResult[] = [];
      for await (const result of lintFileStream(paths, fileOptions)) results.push(result);
      return results;
    },
    checkAddresses(addresses) {
      return addresses.map((text) => ({
        target: text,
        kind: 'address' as const,
        findings: runRules(rules.address, { addresses: [standaloneAddressView(text)], now }),
      }));
    },
    async auditDomains(names) {
      const { audits, mailDomainOf } = await domains();
      // Every name is validated before any is looked up: one bad name fails the call, nothing asked.
      const mailDomains = names.map((name) => mailDomainOf(name));
      return Promise.all(names.map((name, index) => audits.audit(mailDomains[index]!).then((findings) => ({ target: name, kind: 'domain' as const, findings }))));
    },
    checkIps,
    async checkSmtp(request) {
      const [{ checkSmtp }, target] = await Promise.all([import('./smtp-check.js'), import('../smtp/target.js')]);
      // Checked before any connection: a malformed host, port, address or EHLO name never reaches the network.
      target.parseSmtpTarget(request.host);
      if (request.port !== undefined) target.parsePort(String(request.port), `port ${request.port}`);
      if (request.from !== undefined) target.checkEnvelopeAddress(request.from, '--from');
      for (const address of request.to ?? []) target.checkEnvelopeAddress(address, '--to');
      if (request.helo !== undefined) target.checkHeloName(request.helo);
      return checkSmtp(rules, now, request, options);
    },
    failedLookups: () => resolver?.failedLookups() ?? 0,
  };
}
