// The run's SMTP preflight: the envelope and needs from a message (or given), one dialogue with the
// server (src/smtp/dialogue.ts), then the smtp-* checks over what it found. Loaded only by a run
// that checks a server.

import type { LookupFunction } from 'node:net';
import { hostname } from 'node:os';
import type { TranscriptLine } from '../smtp/connection.js';
import { runSmtpDialogue } from '../smtp/dialogue.js';
import { envelopeOf } from '../smtp/envelope.js';
import { IMPLICIT_TLS_PORT, InvalidSmtpTargetError, SUBMISSION_PORT } from '../smtp/target.js';
import type { EnvelopeRecipient, MessageNeeds, SaslMechanism, SmtpTlsMode } from '../smtp/types.js';
import { parseMessage, type ScanOptions } from '../message/scan.js';
import type { TargetResult } from '../types.js';
import type { RuleSet } from './rules.js';
import { runRules } from './run-check.js';

export interface SmtpCheckRequest {
  host: string;
  /** Default 587; 465 means implicit TLS. */
  port?: number;
  /** Default `starttls` (`implicit` on port 465). */
  tls?: SmtpTlsMode;
  /** Extra trust anchor (PEM) beside the system's roots. */
  ca?: string;
  /** The EHLO name (default: this machine's host name). */
  helo?: string;
  user?: string;
  /** Never printed, logged or reported. */
  password?: string;
  auth?: SaslMechanism;
  /** The message whose envelope, size and needs the preflight uses (it is never sent). */
  message?: string | Uint8Array;
  /** What the result is called (the message's file name); default `HOST:PORT`. */
  target?: string;
  /** Envelope sender and recipients; given, they replace the message's. */
  from?: string;
  to?: readonly string[];
  /** Deadline of each protocol step in milliseconds (default 10000). */
  timeoutMs?: number;
  /** Deadline of the whole dialogue in milliseconds (default 10 × timeoutMs, at least 30000). */
  dialogueTimeoutMs?: number;
  /** Every line of the dialogue, credentials redacted. */
  onTranscript?: (line: TranscriptLine) => void;
  /** How the host name becomes an address (default: the system's, as node:net does). */
  lookup?: LookupFunction;
}

export const DEFAULT_SMTP_TIMEOUT_MS = 10_000;

/** The machine's name for EHLO, or a name servers accept when it has none worth sending. */
function defaultHelo(): string {
  const name = hostname();
  return /^[A-Za-z0-9.-]+$/.test(name) && name.includes('.') ? name : 'localhost.localdomain';
}

export async function checkSmtp(rules: RuleSet, now: Date, request: SmtpCheckRequest, scanOptions: ScanOptions): Promise<TargetResult> {
  const port = request.port ?? SUBMISSION_PORT;
  let from = request.from;
  let recipients: EnvelopeRecipient[] = (request.to ?? []).map((address) => ({ address }));
  let needs: MessageNeeds | undefined;
  if (request.message !== undefined) {
    const envelope = envelopeOf(parseMessage(request.message, scanOptions));
    from ??= envelope.from;
    if (request.to === undefined) recipients = envelope.recipients;
    needs = envelope.needs;
  }
  // RCPT TO follows MAIL FROM: recipients without a sender would never be asked, and the run would pass.
  if (recipients.length > 0 && from === undefined) {
    throw new InvalidSmtpTargetError('recipients but no sender: RCPT TO is only asked after MAIL FROM; give from (--from), or a message with a From or Sender field');
  }
  const facts = await runSmtpDialogue({
    host: request.host,
    port,
    tls: request.tls ?? (port === IMPLICIT_TLS_PORT ? 'implicit' : 'starttls'),
    helo: request.helo ?? defaultHelo(),
    envelope: { ...(from === undefined ? {} : { from }), recipients },
    timeoutMs: request.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS,
    ...(request.dialogueTimeoutMs === undefined ? {} : { dialogueTimeoutMs: request.dialogueTimeoutMs }),
    ...(request.ca === undefined ? {} : { ca: request.ca }),
    ...(request.user === undefined ? {} : { user: request.user }),
    ...(request.password === undefined ? {} : { password: request.password }),
    ...(request.auth === undefined ? {} : { mechanism: request.auth }),
    ...(needs === undefined ? {} : { message: needs }),
    ...(request.onTranscript === undefined ? {} : { onTranscript: request.onTranscript }),
    ...(request.lookup === undefined ? {} : { lookup: request.lookup }),
  });
  const target = request.target ?? (request.host.includes(':') ? `[${request.host}]:${port}` : `${request.host}:${port}`);
  return { target, findings: runRules(rules.smtp, { smtp: facts, now }) };
}
