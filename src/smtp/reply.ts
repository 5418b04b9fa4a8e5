// Reads SMTP replies (RFC 5321 4.2) off a byte stream with bounded memory: a line past
// MAX_LINE_OCTETS, a reply of more than MAX_REPLY_LINES lines, or a line that is not a reply is a
// protocol error, never a buffer that grows. Reply text is untrusted: it is kept escaped and capped.

import type { SmtpReply } from './types.js';

/** RFC 5321 4.5.3.1.5 allows 512 octets a reply line; real servers stay far below this. */
export const MAX_LINE_OCTETS = 2048;
/** An EHLO reply has one line per extension; no server needs this many. */
export const MAX_REPLY_LINES = 100;
/** Reply text kept for a finding; the rest is cut with "…". */
export const MAX_REPLY_TEXT = 300;

export class SmtpProtocolError extends Error {
  override name = 'SmtpProtocolError';
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Server text made safe to print: controls (ANSI escapes, bidi overrides) shown as escapes, then capped. */
export function quoteServerText(text: string, maximum = MAX_REPLY_TEXT): string {
  const escaped = text.replace(CONTROL_CHARACTERS, (character) => {
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  const characters = [...escaped];
  return characters.length <= maximum ? escaped : `${characters.slice(0, maximum - 1).join('')}…`;
}

/** A reply as a finding quotes it: "535 5.7.8 Authentication credentials invalid". */
export function showReply(reply: SmtpReply): string {
  return `"${[String(reply.code), reply.status, reply.text].filter((part) => part !== undefined && part !== '').join(' ')}"`;
}

const REPLY_LINE = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/s;
const ENHANCED_STATUS = /^([245]\.[0-9]{1,3}\.[0-9]{1,3})(?: |$)/;

/** Collects bytes into replies. `push` returns the replies it completed; raw lines are kept for EHLO. */
export class ReplyReader {
  private pending: Buffer = Buffer.alloc(0);
  private lines: string[] = [];
  private code: number | undefined;

  /**
   * `redact` sees each line as it came: a secret a server echoes is cut out before any quoting
   * escapes or caps it (then it would survive in part, or changed past recognition).
   */
  constructor(private readonly redact: (line: string) => string = (line) => line) {}

  push(chunk: Buffer): { reply: SmtpReply; lines: string[] }[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const done: { reply: SmtpReply; lines: string[] }[] = [];
    for (;;) {
      const end = this.pending.indexOf(0x0a);
      if (end === -1) break;
      if (end > MAX_LINE_OCTETS) throw new SmtpProtocolError(`the server sent a line longer than ${MAX_LINE_OCTETS} octets`);
      const line = this.redact(this.pending.subarray(0, end).toString('utf8').replace(/\r$/, ''));
      this.pending = this.pending.subarray(end + 1);
      const reply = this.addLine(line);
      if (reply) done.push(reply);
    }
    if (this.pending.length > MAX_LINE_OCTETS) throw new SmtpProtocolError(`the server sent a line longer than ${MAX_LINE_OCTETS} octets`);
    return done;
  }

  /** Bytes received after the last complete line (after a STARTTLS 220 there must be none). */
  hasPendingBytes(): boolean {
    return this.pending.length > 0 || this.lines.length > 0;
  }

  private addLine(line: string): { reply: SmtpReply; lines: string[] } | undefined {
    const match = REPLY_LINE.exec(line);
    if (!match) throw new SmtpProtocolError(`the server sent a line that is not an SMTP reply: ${JSON.stringify(quoteServerText(line, 60))}`);
    const code = Number(match[1]);
    if (this.code !== undefined && code !== this.code) throw new SmtpProtocolError(`the server changed the reply code within one reply (${this.code}, then ${code})`);
    this.code = code;
    this.lines.push(match[3] ?? '');
    if (this.lines.length > MAX_REPLY_LINES) throw new SmtpProtocolError(`the server sent a reply of more than ${MAX_REPLY_LINES} lines`);
    if (match[2] === '-') return undefined;
    const lines = this.lines;
    this.lines = [];
    this.code = undefined;
    return { reply: toReply(code, lines), lines };
  }
}

function toReply(code: number, lines: readonly string[]): SmtpReply {
  const status = ENHANCED_STATUS.exec(lines[0] ?? '')?.[1];
  // The enhanced code repeats on every line; keep it once.
  const texts = lines.map((line) => (status !== undefined && line.startsWith(status) ? line.slice(status.length).trimStart() : line));
  const reply: SmtpReply = { code, text: quoteServerText(texts.filter((text) => text !== '').join(' / ')) };
  if (status !== undefined) reply.status = status;
  return reply;
}

/** EHLO reply lines after the greeting, as keyword (upper case) → parameters. */
export function parseExtensions(lines: readonly string[]): Record<string, string> {
  const extensions: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const match = /^([A-Za-z0-9][A-Za-z0-9-]*)(?:[ =](.*))?$/.exec(line.trim());
    if (match) extensions[match[1]!.toUpperCase()] = quoteServerText((match[2] ?? '').trim(), 200);
  }
  return extensions;
}
