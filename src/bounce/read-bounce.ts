// From a bounce's bytes to its recipients as the bounce states them (before classification):
// an RFC 3464 delivery-status part where there is one, an RFC 5965 feedback report, an RFC 3834
// auto-reply, or the text of a non-standard report (text-report.ts). Also finds the returned
// message or header (message/rfc822, text/rfc822-headers, or quoted after a separator line).

import type { BounceAction } from './types.js';
import { decodeCharset, decodedBodyBytes, fieldValue, parseHeaderFields, readMime, textOf, type BounceMime, type HeaderField } from './mime-reader.js';
import { RETURNED_MESSAGE_SEPARATOR, recipientsInText, reportPartOf } from './text-report.js';

export type BounceKind = 'delivery-status' | 'feedback-report' | 'auto-reply' | 'text-report' | 'reply-line' | 'not-a-bounce';

export interface RawRecipient {
  recipient: string;
  status: string;
  reply: string;
  diagnostic: string;
  action?: BounceAction;
  /** 1-based line in the bounce. */
  line?: number;
}

export interface ReturnedMessage {
  /** The returned message's bytes (or its header section alone). */
  bytes: Buffer;
  /** 1-based line of the bounce where it starts. */
  firstLine: number;
  headersOnly: boolean;
}

export interface BounceReading {
  kind: BounceKind;
  recipients: RawRecipient[];
  /** Subject and human-readable text: what the classifier reads when a recipient's own words say little. */
  subject: string;
  text: string;
  /** The report part of the text: before the returned message's copy. */
  report: string;
  /** Header fields of the bounce itself. */
  fields: HeaderField[];
  returned?: ReturnedMessage;
  /** Recipients the classifier left out (past its cap). */
  omitted?: number;
}

const STATUS_CODE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const REPLY_CODE = /(?:^|[\s:;(\[])([245][0-5]\d)(?=[\s-]|$)/;

export function statusIn(text: string): string {
  return STATUS_CODE.exec(text)?.[0] ?? '';
}

export function replyIn(text: string): string {
  return REPLY_CODE.exec(text)?.[1] ?? '';
}

/** `rfc822; user@example.jp` → `user@example.jp` (RFC 3464 2.3.2 address-type prefix). */
function withoutType(value: string): string {
  return value.replace(/^[A-Za-z0-9-]+\s*;\s*/, '').replace(/^<(.*)>$/, '$1').trim();
}

const ACTIONS: readonly BounceAction[] = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'];

function actionOf(value: string | undefined): BounceAction | undefined {
  const word = value?.toLowerCase().trim().split(/[\s(]/)[0];
  return ACTIONS.find((action) => action === word);
}

/** Line numbers (1-based) of byte offsets: the line starts are found once, then searched. */
function lineFinder(source: string): (offset: number) => number {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/**
 * Per-recipient field groups of a message/delivery-status body (RFC 3464 2.1): groups are separated by
 * blank lines, or (AOL, some Sendmail builds) by nothing, a second Final-Recipient starting the next.
 */
function deliveryStatusRecipients(body: string, firstLine: number): RawRecipient[] {
  const groups: Array<{ fields: HeaderField[]; line: number }> = [];
  let current: { fields: HeaderField[]; line: number } | undefined;
  const lines = body.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    if (/^[ \t]/.test(line) && current && current.fields.length > 0) {
      current.fields[current.fields.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const [field] = parseHeaderFields(line);
    if (!field) continue;
    const repeats = current?.fields.some((seen) => seen.name === field.name && (field.name === 'final-recipient' || field.name === 'original-recipient'));
    if (!current || repeats) {
      current = { fields: [], line: firstLine + index };
      groups.push(current);
    }
    current.fields.push(field);
  }
  const recipients: RawRecipient[] = [];
  for (const group of groups) {
    const recipient = fieldValue(group, 'final-recipient') ?? fieldValue(group, 'original-recipient') ?? fieldValue(group, 'x-actual-recipient');
    if (recipient === undefined) continue;
    // Without a Diagnostic-Code, the Status field's comment is the only words (`4.0.0 (host name lookup failure)`).
    const statusComment = /\((.*)\)/.exec(fieldValue(group, 'status') ?? '')?.[1] ?? '';
    const diagnostic = withoutType(fieldValue(group, 'diagnostic-code') ?? '') || statusComment;
    // The remote server's own code in its reply beats the reporting MTA's summary in Status.
    const status = statusIn(diagnostic) || statusIn(fieldValue(group, 'status') ?? '');
    const action = actionOf(fieldValue(group, 'action'));
    recipients.push({ recipient: withoutType(recipient), status, reply: replyIn(diagnostic), diagnostic, line: group.line, ...(action ? { action } : {}) });
  }
  return recipients;
}

interface TextPart {
  text: string;
  firstLine: number;
}

function humanReadableParts(source: string, mime: BounceMime, lineAt: (offset: number) => number): TextPart[] {
  const parts: TextPart[] = [];
  for (const entity of mime.parts) {
    if (entity.hasParts) continue;
    // A multipart body without a single delimiter (broken gateways) is read as the text it is.
    const brokenMultipart = entity.contentType.startsWith('multipart/');
    if (entity.contentType !== 'text/plain' && entity.contentType !== 'text/html' && !brokenMultipart) continue;
    let text = textOf(source, entity);
    // A tag holds no "<": "[^>]*" let a run of unclosed "<" try every start against the rest of the part (quadratic).
    if (entity.contentType === 'text/html') text = text.replace(/<(?:br|\/p|\/div|\/tr|\/li)[^<>]*>/gi, '\n').replace(/<[^<>]*>/g, '').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    parts.push({ text, firstLine: lineAt(entity.bodyStart) });
  }
  // Plain text first: the HTML alternative says the same thing.
  return parts;
}

/** The returned message: a message/rfc822 or text/rfc822-headers part, else a quoted copy after a separator line. */
function returnedMessageOf(source: string, mime: BounceMime, lineAt: (offset: number) => number): ReturnedMessage | undefined {
  const root = mime.root;
  for (const entity of mime.parts) {
    if (entity === root) continue;
    const headersOnly = entity.contentType === 'text/rfc822-headers';
    if (entity.contentType === 'message/rfc822' || entity.contentType === 'message/global' || headersOnly) {
      const bytes = decodedBodyBytes(source, entity);
      if (bytes.trim() === '') continue;
      return { bytes: Buffer.from(bytes.replace(/^(?:\r?\n)+/, ''), 'latin1'), firstLine: lineAt(entity.bodyStart + (bytes.length - bytes.replace(/^(?:\r?\n)+/, '').length)), headersOnly };
    }
  }
  if (root.hasParts) return undefined;
  const body = source.slice(root.bodyStart, root.bodyEnd);
  const match = new RegExp(RETURNED_MESSAGE_SEPARATOR.source, 'im').exec(body);
  if (!match) return undefined;
  let start = root.bodyStart + match.index + match[0].length;
  // The copy starts after the separator's line and any blank lines.
  while (start < root.bodyEnd && (source[start] === '\n' || source[start] === '\r' || source[start] === ' ')) start += 1;
  const rest = source.slice(start, root.bodyEnd);
  if (!/^[!-9;-~]+:/.test(rest)) return undefined;
  return { bytes: Buffer.from(rest, 'latin1'), firstLine: lineAt(start), headersOnly: !/\r?\n\r?\n/.test(rest) };
}

function decodedSubject(fields: HeaderField[]): string {
  const raw = fieldValue({ fields }, 'subject') ?? '';
  // RFC 2047 encoded words, enough to read a subject (Japanese carriers send ISO-2022-JP).
  return raw.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, charset: string, encoding: string, text: string) => {
    const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('latin1') : text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_hex, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return decodeCharset(bytes, charset);
  });
}

interface FoundInText {
  recipient: string;
  diagnostic: string;
  line?: number;
}

/** Exim and Gmail list the failed recipients in X-Failed-Recipients: other addresses in the text are not. */
function onlyFailedRecipients(found: readonly FoundInText[], header: string | undefined): FoundInText[] {
  const failed = (header ?? '').split(',').map((address) => address.trim()).filter((address) => address.includes('@'));
  if (failed.length === 0) return [...found];
  const failedSet = new Set(failed.map((address) => address.toLowerCase()));
  const named = found.filter((item) => failedSet.has(item.recipient.toLowerCase()));
  // The header may name the address after alias expansion while the text names the one written:
  // as many of each, none the same, are taken pairwise (the header's address, the text's words).
  if (named.length === 0 && found.length === failed.length) return found.map((item, index) => ({ ...item, recipient: failed[index]! }));
  const namedSet = new Set(named.map((item) => item.recipient.toLowerCase()));
  const unnamed = failed.filter((address) => !namedSet.has(address.toLowerCase())).map((address) => ({ recipient: address, diagnostic: '' }));
  return [...named, ...unnamed];
}

/** Recipients of the RFC 3464 parts (or of DSN fields pasted in a text body), with their line. */
function deliveryStatusOf(source: string, mime: BounceMime, textParts: readonly TextPart[], lineAt: (offset: number) => number): RawRecipient[] {
  const statusParts = mime.parts.filter((entity) => entity.contentType === 'message/delivery-status' || entity.contentType === 'message/global-delivery-status');
  const recipients = statusParts.flatMap((part) => deliveryStatusRecipients(decodedBodyBytes(source, part), lineAt(part.bodyStart)));
  if (statusParts.length > 0) return recipients;
  // DSN fields in a text body (a report whose MIME structure was lost, or a gateway pasting them).
  for (const part of textParts) {
    const lines = part.text.split(/\r?\n/);
    const first = lines.findIndex((line) => /^(?:Final|Original)-Recipient:/i.test(line));
    if (first !== -1) recipients.push(...deliveryStatusRecipients(lines.slice(first).join('\n'), part.firstLine + first));
  }
  return recipients;
}

export function readBounce(input: Uint8Array | string): BounceReading {
  const source = typeof input === 'string' ? Buffer.from(input, 'utf8').toString('latin1') : Buffer.from(input).toString('latin1');
  const mime = readMime(source);
  const lineAt = lineFinder(source);
  const textParts = humanReadableParts(source, mime, lineAt);
  const text = textParts.map((part) => part.text).join('\n');
  const report = reportPartOf(text.split(/\r?\n/)).join('\n');
  const reading: BounceReading = { kind: 'not-a-bounce', recipients: [], subject: decodedSubject(mime.fields), text, report, fields: mime.fields };
  const returned = returnedMessageOf(source, mime, lineAt);
  if (returned) reading.returned = returned;
  const textRecipients = textParts.flatMap((part) => recipientsInText(part.text).map((found) => ({ ...found, line: part.firstLine + found.lineIndex })));
  reading.recipients = deliveryStatusOf(source, mime, textParts, lineAt);
  if (reading.recipients.length > 0) {
    reading.kind = 'delivery-status';
    // A DSN without a diagnostic (Sendmail, Exchange, Office 365 often) has the words in its text part.
    const saidFor = new Map(textRecipients.map((found) => [found.recipient.toLowerCase(), found.diagnostic]));
    for (const recipient of reading.recipients) {
      const said = saidFor.get(recipient.recipient.toLowerCase());
      if (recipient.diagnostic === '' && said !== undefined) recipient.diagnostic = said;
      if (recipient.reply === '' && said !== undefined) recipient.reply = replyIn(said);
    }
    return reading;
  }
  const listed = onlyFailedRecipients(textRecipients, fieldValue(reading, 'x-failed-recipients'));
  reading.recipients = listed.map((found) => ({ recipient: found.recipient, status: statusIn(found.diagnostic), reply: replyIn(found.diagnostic), diagnostic: found.diagnostic, ...(found.line === undefined ? {} : { line: found.line }) }));
  if (reading.recipients.length > 0) reading.kind = 'text-report';
  return reading;
}
