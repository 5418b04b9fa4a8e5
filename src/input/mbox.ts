// Splits an mbox file (RFC 4155) into its messages as the octets stream by. A message starts after
// a "From " separator line that begins the file or follows an empty line (the empty line before a
// separator ends the previous message and is not part of it). Thunderbird's "From - <date>" is a
// separator like any other. Only a line's first five octets are held to decide what it is, so a
// 1 GB mailbox or a 1 GB line costs no more memory than a small one.

const LF = 10;
const CR = 13;
const FROM = Buffer.from('From ');
/** Octets of a separator line kept for judging and naming it. */
const SEPARATOR_KEPT = 200;

export interface MboxEvents {
  /** A message starts; `separatorLine` is the file line of its "From " line (0: the file did not start with one). */
  start(index: number, separatorLine: number, separator: string | undefined): void;
  bytes(chunk: Buffer): void;
  end(): void;
}

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/i;

/** A separator reads "From <sender> <date>" with the date in asctime form (RFC 4155 2); Thunderbird writes "-" as the sender. */
export function isWellFormedSeparator(line: string): boolean {
  const match = /^From (\S+) +(.+)$/.exec(line.replace(/\r$/, ''));
  if (!match) return false;
  const date = match[2]!;
  return MONTH.test(date) && /\b\d{1,2}:\d{2}(:\d{2})?\b/.test(date) && /\b\d{4}\b/.test(date);
}

export class MboxSplitter {
  private line = 1;
  /** The current line's first octets, held until they tell what the line is. */
  private held: number[] = [];
  private mode: 'undecided' | 'separator' | 'content' = 'undecided';
  private separatorText: number[] = [];
  /** The previous line was empty: this line may be a separator. */
  private afterBlank = true;
  /** An empty line not yet handed on: it belongs to the message unless a separator follows. */
  private pendingBlank: Buffer | undefined;
  private index = 0;
  private open = false;

  constructor(private readonly events: MboxEvents) {}

  get messages(): number {
    return this.index;
  }

  push(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      const lf = chunk.indexOf(LF, from);
      const end = lf === -1 ? chunk.length : lf + 1;
      this.segment(chunk.subarray(from, end), lf !== -1);
      from = end;
    }
  }

  finish(): void {
    if (this.mode === 'undecided' && this.held.length > 0) this.decide();
    if (this.mode === 'separator') this.startMessage();
    // The empty line at the end of the file closes the last message (RFC 4155); it is not part of it.
    this.pendingBlank = undefined;
    if (this.open) this.events.end();
    this.open = false;
  }

  private segment(bytes: Buffer, endsLine: boolean): void {
    let rest = bytes;
    if (this.mode === 'undecided') {
      const need = FROM.length - this.held.length;
      const take = Math.min(need, rest.length);
      for (let index = 0; index < take; index += 1) this.held.push(rest[index]!);
      rest = rest.subarray(take);
      if (this.held.length >= FROM.length || endsLine) this.decide();
      else return;
    }
    if (this.mode === 'separator') {
      for (let index = 0; index < rest.length && this.separatorText.length < SEPARATOR_KEPT; index += 1) this.separatorText.push(rest[index]!);
    } else if (rest.length > 0) {
      this.emit(rest);
    }
    if (endsLine) this.endLine();
  }

  /** Decides the line from its held octets: a separator, an empty line, or content. */
  private decide(): void {
    const held = Buffer.from(this.held);
    this.held = [];
    if (this.afterBlank && held.length >= FROM.length && held.subarray(0, FROM.length).equals(FROM)) {
      this.mode = 'separator';
      this.separatorText = [...held];
      return;
    }
    const blank = held.length > 0 && (held[0] === LF || (held[0] === CR && held[1] === LF)) && held.length <= 2;
    this.mode = 'content';
    if (blank) {
      this.flushBlank();
      this.pendingBlank = held;
      return;
    }
    this.flushBlank();
    this.emit(held);
  }

  private endLine(): void {
    if (this.mode === 'separator') this.startMessage();
    else this.afterBlank = this.pendingBlank !== undefined;
    this.mode = 'undecided';
    this.line += 1;
  }

  private startMessage(): void {
    this.pendingBlank = undefined;
    if (this.open) this.events.end();
    this.index += 1;
    this.open = true;
    const text = Buffer.from(this.separatorText).toString('utf8').replace(/\r?\n$/, '');
    this.events.start(this.index, this.line, text);
    this.separatorText = [];
    this.afterBlank = false;
  }

  private flushBlank(): void {
    if (!this.pendingBlank) return;
    const blank = this.pendingBlank;
    this.pendingBlank = undefined;
    this.emit(blank);
  }

  private emit(bytes: Buffer): void {
    if (!this.open) {
      // The file does not start with a separator: what comes first is a message of its own.
      this.index += 1;
      this.open = true;
      this.events.start(this.index, 0, undefined);
    }
    this.events.bytes(bytes);
  }
}

/** The file's first line is an mbox separator ("From " at its very start). */
export function startsWithSeparator(head: Buffer): boolean {
  return head.length >= FROM.length && head.subarray(0, FROM.length).equals(FROM);
}
