// Streaming scanner: one pass over the octets of a message. The header section is kept (up to a
// limit) and parsed into fields; the body is only scanned for line lengths, line endings, NUL and
// 8-bit octets, so a 1 GB body costs no more memory than a 1 KB one.
// Hand-written: no maintained library is both lossless and position-preserving for RFC 5322 headers.

import { parseHeaderSection } from './header-section.js';
import type { LineEndingFacts, LongLine, ParsedMessage } from './types.js';

/** Receivers refuse header sections past ~500 KB; reading twice that lets header-size report the real size. */
export const DEFAULT_HEADER_LIMIT_BYTES = 1024 * 1024;
/** Lines longer than this are recorded (RFC 5322 2.1.1 SHOULD limit); checks pick their own limit above it. */
export const LONG_LINE_RECORD_THRESHOLD = 78;
const MAX_RECORDED_LONG_LINES = 1000;
const BINARY_SNIFF_BYTES = 1024;

const LF = 10;
const CR = 13;

export interface ScanOptions {
  headerLimitBytes?: number;
}

type Phase = 'header' | 'header-overflow' | 'body';

export class MessageScanner {
  private readonly headerLimitBytes: number;
  private phase: Phase = 'header';
  private readonly headerChunks: Buffer[] = [];
  private storedHeaderBytes = 0;
  private headerByteLength = 0;
  private headerLineCount = 0;
  private endedByBlankLine = false;
  private truncated = false;

  private size = 0;
  private line = 1;
  private lineOctets = 0;
  /** A CR ended the previous chunk: whether it pairs with an LF is decided by the next byte. */
  private pendingCr = false;
  private readonly lineEndings: LineEndingFacts = { crlf: 0, bareLf: 0, bareCr: 0 };
  private readonly longLines: LongLine[] = [];
  private longLineCount = 0;
  private maxLineOctets = 0;

  private bodyStartLine: number | undefined;
  private bodyByteLength = 0;
  private bodyLineCount = 0;
  private bodyHasEightBit = false;
  private bodyHasNul = false;

  private readonly sniff: number[] = [];

  constructor(options: ScanOptions = {}) {
    this.headerLimitBytes = options.headerLimitBytes ?? DEFAULT_HEADER_LIMIT_BYTES;
  }

  push(input: Uint8Array): void {
    const chunk = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (chunk.length === 0) return;
    this.sniffBinary(chunk);
    this.size += chunk.length;

    let start = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (chunk[0] === LF) {
        this.endLine(chunk, 0, 1, 'crlf');
        start = 1;
      } else {
        this.countBareCr();
        this.lineOctets += 1;
      }
    }

    let index = start;
    let segmentStart = start;
    while (index < chunk.length) {
      const nextLf = chunk.indexOf(LF, index);
      const nextCr = chunk.indexOf(CR, index);
      if (nextLf === -1 && nextCr === -1) break;
      if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
        this.lineOctets += nextCr - index;
        if (nextCr + 1 === chunk.length) {
          // Decided by the next chunk; the CR itself is not counted as line content.
          this.takeBytes(chunk, segmentStart, nextCr + 1);
          this.pendingCr = true;
          return;
        }
        if (chunk[nextCr + 1] === LF) {
          this.endLine(chunk, segmentStart, nextCr + 2, 'crlf');
          index = segmentStart = nextCr + 2;
        } else {
          this.countBareCr();
          // A bare CR stays inside the line (RFC 5322 has no line break without LF).
          this.lineOctets += 1;
          index = nextCr + 1;
        }
        continue;
      }
      this.lineOctets += nextLf - index;
      this.endLine(chunk, segmentStart, nextLf + 1, 'lf');
      index = segmentStart = nextLf + 1;
    }
    this.lineOctets += chunk.length - index;
    this.takeBytes(chunk, segmentStart, chunk.length);
  }

  finish(): ParsedMessage {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.countBareCr();
    }
    const endsMidLine = this.lineOctets > 0;
    if (endsMidLine) this.closeLineFacts();

    const headerBuffer = Buffer.concat(this.headerChunks);
    const headerSection = parseHeaderSection(headerBuffer);
    if (this.phase === 'header' && endsMidLine) this.headerLineCount += 1;
    if (this.phase === 'body' && endsMidLine) this.bodyLineCount += 1;

    return {
      size: this.size,
      fields: headerSection.fields,
      headerProblems: headerSection.problems,
      header: {
        byteLength: this.headerByteLength,
        lineCount: this.headerLineCount,
        endedByBlankLine: this.endedByBlankLine,
        truncated: this.truncated,
        limitBytes: this.headerLimitBytes,
        eightBit: headerSection.eightBit,
      },
      body: {
        startLine: this.bodyStartLine ?? headerSection.bodyStartLine,
        byteLength: this.bodyByteLength,
        lineCount: this.bodyLineCount,
        hasEightBit: this.bodyHasEightBit,
        hasNul: this.bodyHasNul,
      },
      lineEndings: this.lineEndings,
      longLines: this.longLines,
      longLineCount: this.longLineCount,
      maxLineOctets: this.maxLineOctets,
      looksBinary: this.looksBinary(),
    };
  }

  private countBareCr(): void {
    this.lineEndings.bareCr += 1;
    this.lineEndings.firstBareCr ??= { line: this.line, column: this.lineOctets + 1 };
  }

  /** Hands the octets `chunk[from, to)` to the phase that owns them. */
  private takeBytes(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    const length = to - from;
    if (this.phase === 'header') {
      const room = this.headerLimitBytes - this.storedHeaderBytes;
      if (length > room) {
        if (room > 0) this.headerChunks.push(Buffer.from(chunk.subarray(from, from + room)));
        this.storedHeaderBytes += Math.max(room, 0);
        this.truncated = true;
        this.phase = 'header-overflow';
      } else {
        this.headerChunks.push(Buffer.from(chunk.subarray(from, to)));
        this.storedHeaderBytes += length;
      }
      this.headerByteLength += length;
      return;
    }
    if (this.phase === 'header-overflow') {
      this.headerByteLength += length;
      return;
    }
    this.bodyByteLength += length;
    const slice = chunk.subarray(from, to);
    if (!this.bodyHasNul && slice.includes(0)) this.bodyHasNul = true;
    if (!this.bodyHasEightBit) {
      for (const byte of slice) {
        if (byte > 127) {
          this.bodyHasEightBit = true;
          break;
        }
      }
    }
  }

  private endLine(chunk: Buffer, segmentStart: number, segmentEnd: number, ending: 'crlf' | 'lf'): void {
    if (ending === 'crlf') {
      this.lineEndings.crlf += 1;
      this.lineEndings.firstCrlf ??= { line: this.line, column: this.lineOctets + 1 };
    } else {
      this.lineEndings.bareLf += 1;
      this.lineEndings.firstBareLf ??= { line: this.line, column: this.lineOctets + 1 };
    }
    const wasBlank = this.lineOctets === 0;
    this.takeBytes(chunk, segmentStart, segmentEnd);
    this.closeLineFacts();

    if (this.phase === 'body') {
      this.bodyLineCount += 1;
    } else {
      this.headerLineCount += 1;
      if (wasBlank) {
        this.endedByBlankLine = true;
        this.phase = 'body';
        this.bodyStartLine = this.line + 1;
      }
    }
    this.line += 1;
    this.lineOctets = 0;
  }

  private closeLineFacts(): void {
    const octets = this.lineOctets;
    if (octets > this.maxLineOctets) this.maxLineOctets = octets;
    if (octets > LONG_LINE_RECORD_THRESHOLD) {
      this.longLineCount += 1;
      if (this.longLines.length < MAX_RECORDED_LONG_LINES) {
        this.longLines.push({ line: this.line, octets, inHeader: this.phase !== 'body' });
      }
    }
  }

  private sniffBinary(chunk: Buffer): void {
    for (let index = 0; index < chunk.length && this.sniff.length < BINARY_SNIFF_BYTES; index += 1) {
      this.sniff.push(chunk[index]!);
    }
  }

  private looksBinary(): boolean {
    if (this.sniff.length === 0) return false;
    let controls = 0;
    for (const byte of this.sniff) {
      if (byte === 0) return true;
      if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13) controls += 1;
    }
    return controls / this.sniff.length > 0.1;
  }
}

export function parseMessage(input: string | Uint8Array, options: ScanOptions = {}): ParsedMessage {
  const scanner = new MessageScanner(options);
  scanner.push(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  return scanner.finish();
}
