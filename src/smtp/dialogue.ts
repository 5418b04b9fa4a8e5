// The submission preflight: connect, banner, EHLO, STARTTLS, EHLO, AUTH, MAIL FROM, RCPT TO for each
// recipient, RSET, QUIT. It never sends DATA, so nothing is ever delivered.
//
// Written on node:net and node:tls rather than nodemailer's SMTPConnection: that client runs MAIL,
// RCPT and DATA as one `send` (DATA cannot be withheld), keeps the EHLO capabilities in private
// fields, and has idle timers instead of one deadline per step, so the preflight would have had to
// take over its socket through private state half-way through the dialogue.

import type { LookupFunction } from 'node:net';
import { DialogueDeadlines, SmtpConnection, SmtpStepError, type TranscriptLine } from './connection.js';
import { parseExtensions } from './reply.js';
import { answerChallenge, firstStep, secretForms } from './sasl.js';
import type { EnvelopeRecipient, MessageNeeds, RecipientResult, SaslMechanism, SmtpFacts, SmtpReply, SmtpStage, SmtpTlsMode, TlsOutcome } from './types.js';

export interface SmtpDialogueOptions {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  /** Extra trust anchor (PEM) beside the system's roots; verification is never turned off. */
  ca?: string;
  helo: string;
  user?: string;
  password?: string;
  mechanism?: SaslMechanism;
  envelope: { from?: string; recipients: readonly EnvelopeRecipient[] };
  message?: MessageNeeds;
  /** Deadline of each step (connect, each reply, the TLS handshake) in milliseconds. */
  timeoutMs: number;
  /** Deadline of the whole dialogue in milliseconds (default: wholeDialogueDeadlineMs(timeoutMs)). */
  dialogueTimeoutMs?: number;
  /** Every line of the dialogue, credentials redacted (for --verbose). */
  onTranscript?: (line: TranscriptLine) => void;
  /** How the host name becomes an address (default: the system's, as node:net does). */
  lookup?: LookupFunction;
}

/**
 * Round trips of a pipelined dialogue with a login (connect, banner, EHLO, STARTTLS, the handshake,
 * EHLO, AUTH, MAIL with every RCPT, RSET with QUIT), rounded up: the whole dialogue's deadline is
 * this many step deadlines.
 */
export const DIALOGUE_DEADLINE_STEPS = 10;
/** Short step deadlines still leave a server without PIPELINING time for one RCPT per recipient. */
export const DIALOGUE_DEADLINE_FLOOR_MS = 30_000;

/** The whole dialogue's deadline for a step deadline: 10 steps' worth, at least 30 s. */
export function wholeDialogueDeadlineMs(stepMs: number): number {
  return Math.max(DIALOGUE_DEADLINE_STEPS * stepMs, DIALOGUE_DEADLINE_FLOOR_MS);
}

/** Mechanisms tried in this order when --auth names none. */
const PREFERRED_MECHANISMS: readonly Exclude<SaslMechanism, 'NTLM'>[] = ['PLAIN', 'LOGIN', 'CRAM-MD5'];

/** Raised inside the dialogue to end it early; what is known so far stays in the facts. */
class Stop extends Error {}

export async function runSmtpDialogue(options: SmtpDialogueOptions): Promise<SmtpFacts> {
  const credentials = options.user !== undefined && options.password !== undefined && options.password !== '';
  const facts: Mutable<SmtpFacts> = {
    host: options.host,
    port: options.port,
    tlsMode: options.tls,
    credentials,
    envelope: options.envelope,
    recipients: [],
  };
  if (options.message) facts.message = options.message;
  const secrets = credentials ? secretForms(options.user!, options.password!) : [];
  const redact = (text: string): string => secrets.reduce((shown, secret) => shown.split(secret).join('<redacted>'), text);
  const log = (line: TranscriptLine): void => options.onTranscript?.({ from: line.from, text: redact(line.text) });
  let stage: SmtpStage = 'connect';
  let connection: SmtpConnection | undefined;

  const read = async (): Promise<{ reply: SmtpReply; lines: string[] }> => {
    const answer = await connection!.reply();
    answer.reply.text = redact(answer.reply.text);
    // 421: the server is closing the channel, whatever the command was.
    if (answer.reply.code === 421 && stage !== 'banner') {
      facts.interrupted = { stage, reason: 'the server closed the session (421)', reply: answer.reply };
      throw new Stop();
    }
    return answer;
  };

  try {
    try {
      const deadlines = new DialogueDeadlines(options.timeoutMs, options.dialogueTimeoutMs ?? wholeDialogueDeadlineMs(options.timeoutMs));
      connection = await SmtpConnection.open(options.host, options.port, deadlines, log, redact, options.lookup);
    } catch (error) {
      facts.unreachable = { stage: 'connect', reason: describeConnectError(error, options) };
      return facts;
    }
    if (options.tls === 'implicit') {
      stage = 'tls-handshake';
      if (!(await startTls(connection, options, facts))) return facts;
    }
    stage = 'banner';
    const banner = await readBanner(read, facts, options);
    if (!banner) return facts;

    stage = 'ehlo';
    await ehlo(connection, read, options, facts);

    if (options.tls === 'starttls') {
      stage = 'starttls';
      if (!('STARTTLS' in facts.extensions!)) {
        facts.tls = { kind: 'not-offered' };
        if (credentials) {
          facts.auth = { kind: 'withheld-without-tls' };
          throw new Stop();
        }
      } else {
        connection.send(['STARTTLS']);
        const { reply } = await read();
        if (reply.code !== 220) {
          facts.tls = { kind: 'failed', reason: 'the server refused STARTTLS', reply };
          if (credentials) facts.auth = { kind: 'withheld-without-tls' };
          throw new Stop();
        }
        stage = 'tls-handshake';
        if (!(await startTls(connection, options, facts))) return facts;
        stage = 'ehlo';
        await ehlo(connection, read, options, facts);
      }
    }

    if (credentials) {
      stage = 'auth';
      if (!(await authenticate(connection, read, options, facts))) throw new Stop();
      if (options.tls === 'none') facts.credentialsInClear = true;
    }

    if (options.envelope.from !== undefined) await sendEnvelope(connection, read, options, facts, (next) => (stage = next));
    stage = 'rset';
    await finish(connection, read, facts);
  } catch (error) {
    if (!(error instanceof Stop)) {
      if (!(error instanceof SmtpStepError)) throw error;
      const reason = redact(error.message);
      // Widened again: TypeScript cannot see the stage the helpers moved it to.
      const failedAt = stage as SmtpStage;
      if (failedAt === 'tls-handshake') facts.tls ??= { kind: 'failed', reason };
      else if (failedAt === 'banner') facts.unreachable = { stage: failedAt, reason: error.kind === 'timeout' ? `no banner within ${options.timeoutMs} ms` : reason };
      else if (failedAt !== 'rset' && failedAt !== 'quit') facts.interrupted = { stage: failedAt, reason };
    } else if (connection && !facts.interrupted) {
      await finish(connection, read, facts).catch(() => undefined);
    }
  } finally {
    connection?.close();
  }
  return facts;
}

type Mutable<Type> = { -readonly [Key in keyof Type]: Type[Key] };
type Read = () => Promise<{ reply: SmtpReply; lines: string[] }>;

async function readBanner(read: Read, facts: Mutable<SmtpFacts>, options: SmtpDialogueOptions): Promise<boolean> {
  let banner: SmtpReply;
  try {
    banner = (await read()).reply;
  } catch (error) {
    if (!(error instanceof SmtpStepError)) throw error;
    facts.unreachable = { stage: 'banner', reason: error.kind === 'timeout' ? `no banner within ${options.timeoutMs} ms` : error.message };
    return false;
  }
  facts.banner = banner;
  if (banner.code !== 220) {
    facts.unreachable = { stage: 'banner', reason: `the server refused the session in its banner`, reply: banner };
    return false;
  }
  return true;
}

async function ehlo(connection: SmtpConnection, read: Read, options: SmtpDialogueOptions, facts: Mutable<SmtpFacts>): Promise<void> {
  connection.send([`EHLO ${options.helo}`]);
  const { reply, lines } = await read();
  if (reply.code !== 250) {
    facts.interrupted = { stage: 'ehlo', reason: 'the server refused EHLO', reply };
    throw new Stop();
  }
  facts.extensions = parseExtensions(lines);
}

async function startTls(connection: SmtpConnection, options: SmtpDialogueOptions, facts: Mutable<SmtpFacts>): Promise<boolean> {
  try {
    facts.tls = { kind: 'ok', protocol: await connection.startTls(options.host, options.ca) };
    return true;
  } catch (error) {
    if (!(error instanceof SmtpStepError)) throw error;
    facts.tls = tlsFailure(error);
    if (facts.credentials) facts.auth = { kind: 'withheld-without-tls' };
    return false;
  }
}

/** What a failed handshake means: a certificate problem names which, anything else is a failed handshake. */
export function tlsFailure(error: SmtpStepError): TlsOutcome {
  const code = error.code ?? '';
  if (code === 'CERT_HAS_EXPIRED') return { kind: 'certificate', problem: 'expired', reason: error.message };
  if (code === 'CERT_NOT_YET_VALID') return { kind: 'certificate', problem: 'not-yet-valid', reason: error.message };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { kind: 'certificate', problem: 'host-name', reason: error.message };
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ISSUER|CHAIN/.test(code)) return { kind: 'certificate', problem: 'untrusted', reason: error.message };
  return { kind: 'failed', reason: error.message };
}

async function authenticate(connection: SmtpConnection, read: Read, options: SmtpDialogueOptions, facts: Mutable<SmtpFacts>): Promise<boolean> {
  const advertised = facts.extensions?.AUTH;
  if (advertised === undefined) {
    facts.auth = { kind: 'not-offered' };
    return false;
  }
  const offered = advertised.toUpperCase().split(/\s+/).filter((name) => name !== '');
  const mechanism = options.mechanism ?? PREFERRED_MECHANISMS.find((name) => offered.includes(name));
  // NTLM is named so the check can explain it; maillint does not speak it.
  if (mechanism === undefined || mechanism === 'NTLM' || !offered.includes(mechanism)) {
    facts.auth = { kind: 'mechanism-not-offered', mechanism: mechanism ?? options.mechanism ?? 'PLAIN', offered };
    return false;
  }
  const user = options.user!;
  const password = options.password!;
  const first = firstStep(mechanism, user, password);
  connection.send([first.line], [first.shown]);
  for (let challenges = 0; ; challenges += 1) {
    const { reply } = await read();
    if (reply.code === 334 && challenges < 3) {
      const answer = answerChallenge(mechanism, reply.text, challenges, user, password);
      connection.send([answer.line], [answer.shown]);
      continue;
    }
    facts.auth = reply.code === 235 ? { kind: 'accepted', mechanism, reply } : { kind: 'refused', mechanism, reply };
    return reply.code === 235;
  }
}

async function sendEnvelope(
  connection: SmtpConnection,
  read: Read,
  options: SmtpDialogueOptions,
  facts: Mutable<SmtpFacts>,
  enter: (stage: SmtpStage) => void,
): Promise<void> {
  const extensions = facts.extensions ?? {};
  const parameters: string[] = [];
  const needs = options.message;
  if (needs && 'SIZE' in extensions) parameters.push(`SIZE=${needs.size}`);
  if (needs?.eightBitBody && '8BITMIME' in extensions) parameters.push('BODY=8BITMIME');
  if (needs?.utf8Reason !== undefined && 'SMTPUTF8' in extensions) parameters.push('SMTPUTF8');
  const mailCommand = [`MAIL FROM:<${options.envelope.from}>`, ...parameters].join(' ');
  const rcptCommands = options.envelope.recipients.map((recipient) => `RCPT TO:<${recipient.address}>`);
  // RFC 2920: with PIPELINING, MAIL and every RCPT go in one write, and the replies come in order.
  const pipelined = 'PIPELINING' in extensions;
  enter('mail');
  connection.send(pipelined ? [mailCommand, ...rcptCommands] : [mailCommand]);
  const mailReply = (await read()).reply;
  facts.mail = { parameters, reply: mailReply };
  const mailAccepted = mailReply.code >= 200 && mailReply.code < 300;
  if (!pipelined && !mailAccepted) return;
  enter('rcpt');
  // Filled as the replies come, so a dialogue cut short still reports the recipients it asked.
  const results: RecipientResult[] = [];
  facts.recipients = results;
  for (const [index, recipient] of options.envelope.recipients.entries()) {
    if (!pipelined) connection.send([rcptCommands[index]!]);
    const { reply } = await read();
    // After a refused MAIL, RCPT replies are "503 need MAIL" and say nothing of the recipient.
    if (mailAccepted) results.push({ ...recipient, reply });
  }
}

/** RSET and QUIT (together where PIPELINING allows); their replies are read but change no finding. */
async function finish(connection: SmtpConnection, read: Read, facts: Mutable<SmtpFacts>): Promise<void> {
  try {
    if (facts.extensions && 'PIPELINING' in facts.extensions) {
      connection.send(['RSET', 'QUIT']);
      await read();
      await read();
    } else {
      connection.send(['RSET']);
      await read();
      connection.send(['QUIT']);
      await read();
    }
  } catch {
    // The transaction is over whatever the server says to RSET or QUIT.
  }
}

function describeConnectError(error: unknown, options: SmtpDialogueOptions): string {
  const step = error as SmtpStepError;
  if (step.code === 'ENOTFOUND' || step.code === 'EAI_AGAIN') return `the host name ${options.host} does not resolve`;
  if (step.code === 'ECONNREFUSED') return `connection refused on port ${options.port}`;
  if (step.code === 'EHOSTUNREACH' || step.code === 'ENETUNREACH') return `no route to ${options.host}`;
  return step.message;
}
