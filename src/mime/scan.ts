// Streaming MIME scanner: one pass over the octets of a message, alongside src/message/scan.ts.
// It splits lines as that scanner does (at LF; a CR before it is the line ending, any other CR is
// content), keeps each entity's header section (up to a limit) and parses it with the same header
// parser, shifted to the entity's lines, then hands content lines to a ContentReader that keeps
// facts only. Multipart delimiters are matched on a line's first octets (a delimiter line is short),
// so a line is held back only while it may still be one. Memory is bounded by the header limits,
// the nesting bound and the part cap, never by the size of a part.
//
// Hand-written rather than a library: the streaming MIME parsers (mailsplit, behind mailparser and
// WildDuck; mailparser itself; postal-mime and emailjs-mime-parser, which hold the whole message)
// normalise line endings and report no line positions, and are lenient where a linter must not be
// (a boundary prefix is taken as a delimiter, a missing close delimiter is silently accepted).

import type { HeaderField } from '../message/types.js';
import { ContentReader } from './content.js';
import { mimeFieldsOf } from './fields.js';
import { parameterOf, parseParameterized } from './parameters.js';
import type { MimeEntity, MimeProblem, MimeStructure, MultipartFacts } from './types.js';

/** Multiparts and attached messages nested deeper than this are read as opaque content (a finding says so). */
export const MAX_MIME_DEPTH = 20;
/** Entities recorded for one message; past it parts are still delimited but not checked. */
export const MAX_MIME_PARTS = 1000;
const MESSAGE_HEADER_LIMIT = 256 * 1024;
const PART_HEADER_LIMIT = 64 * 1024;
/** A delimiter line is "--", at most 70 boundary octets, "--" and some padding: longer lines are content. */
const HEAD_BYTES = 256;
const MAX_PROBLEMS = 100;

const LF = 10;
const CR = 13;
const DASH = 45;

interface Frame {
  entity: MimeEntity;
  /** Not in `entities` (past MAX_MIME_PARTS): delimited, not reported. */
  recorded: boolean;
  phase: 'header' | 'content';
  header: Buffer[];
  headerBytes: number;
  headerLimit: number;
  headerTruncated: boolean;
  reader?: ContentReader;
  /** "--" + boundary, for multiparts read as such. */
  dashBoundary?: Buffer;
  state?: 'preamble' | 'parts' | 'epilogue';
  children: number;
  /** Default media type of its children (message/rfc822 in multipart/digest). */
  childDefault: string;
}

type Delimiter = { frameIndex: number; close: boolean } | { frameIndex: number; lookalike: true };

export class MimeScanner {
  private readonly entities: MimeEntity[] = [];
  private readonly problems: MimeProblem[] = [];
  private readonly frames: Frame[] = [];
  private cappedReported = false;
  private line = 1;
  /** Octets of the current line so far, its ending excluded. */
  private lineLength = 0;
  /** A CR ended the last chunk: the line ending if an LF comes next. */
  private pendingCr = false;
  // Read only up to headLength, so it needs no zero fill.
  private readonly head = Buffer.allocUnsafe(HEAD_BYTES);
  private headLength = 0;
  /** The line's octets are in `head` only, not yet handed on (it may be a delimiter). */
  private holding = true;
  /** Any frame reads a multipart: lines starting "--" are held until they end. */
  private multipartsOpen = 0;

  constructor() {
    this.frames.push(this.newFrame('', 'the message', 0, 1, MESSAGE_HEADER_LIMIT, 'text/plain'));
  }

  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    while (from < bytes.length) {
      const blockEnd = this.blockEnd(bytes, from);
      if (blockEnd > from) {
        this.takeBlock(bytes.subarray(from, blockEnd));
        from = blockEnd;
        continue;
      }
      const lf = bytes.indexOf(LF, from);
      const end = lf === -1 ? bytes.length : lf;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (end === from && lf !== -1) {
          this.endLine(2);
          from = lf + 1;
          continue;
        }
        this.take(Buffer.of(CR));
      }
      if (lf === -1) {
        const tailCr = bytes[end - 1] === CR;
        this.take(bytes.subarray(from, tailCr ? end - 1 : end));
        this.pendingCr = tailCr;
        return;
      }
      const crlf = end > from && bytes[end - 1] === CR;
      this.take(bytes.subarray(from, crlf ? end - 1 : end));
      this.endLine(crlf ? 2 : 1);
      from = lf + 1;
    }
  }

  finish(): MimeStructure {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.take(Buffer.of(CR));
    }
    const midLine = this.lineLength > 0;
    // What ends at the end of the input ends on its last line, not the empty one after a final LF.
    const lastLine = midLine ? this.line : Math.max(1, this.line - 1);
    if (midLine) this.endLine(0);
    this.line = lastLine;
    while (this.frames.length > 0) this.popFrame();
    return { entities: this.entities, problems: this.problems };
  }

  /**
   * Where a run of whole lines that can go to the content reader as one block ends: at a line start
   * in identity-encoded content, up to the last line end of the chunk or the next line that starts
   * with "--" (which may be a delimiter). `from` when there is none.
   */
  private blockEnd(bytes: Buffer, from: number): number {
    if (this.pendingCr || this.lineLength > 0 || this.headLength > 0) return from;
    const frame = this.top;
    if (!frame) return from;
    const header = frame.phase === 'header';
    if (!header && !frame.reader) return from;
    // A line starting with "--" may be a delimiter; in a header, an empty line ends it: both go line by line.
    if ((this.multipartsOpen > 0 && bytes[from] === DASH) || (header && (bytes[from] === LF || bytes[from] === CR))) return from;
    let end = bytes.lastIndexOf(LF) + 1;
    if (this.multipartsOpen > 0) {
      const dashLine = bytes.indexOf(NEWLINE_DASHES, from);
      if (dashLine !== -1) end = Math.min(end, dashLine + 1);
    }
    if (header) {
      // Searched only up to the block's end: a blank line of the kind the mail does not use would
      // otherwise be looked for to the end of the chunk once per part (quadratic in parts).
      const window = bytes.subarray(from, end);
      const blank = window.indexOf(NEWLINE_CRLF);
      const bareBlank = window.indexOf(NEWLINE_LF);
      if (blank !== -1) end = Math.min(end, from + blank + 1);
      if (bareBlank !== -1) end = Math.min(end, from + bareBlank + 1);
    }
    return end;
  }

  /** Whole lines at once: header lines are stored, content lines handed to the reader as a block. */
  private takeBlock(block: Buffer): void {
    const frame = this.top!;
    const firstLine = this.line;
    let at = block.indexOf(LF);
    while (at !== -1) {
      this.line += 1;
      at = block.indexOf(LF, at + 1);
    }
    if (frame.phase === 'header') {
      this.storeHeader(frame, block);
      return;
    }
    frame.reader!.block(block, firstLine);
    frame.reader!.startLine(this.line);
  }

  private newFrame(path: string, label: string, depth: number, headerLine: number, headerLimit: number, mediaType: string): Frame {
    const entity: MimeEntity = {
      path,
      label,
      depth,
      headerLine,
      fields: [],
      mediaType,
      encoding: '7bit',
      content: { byteLength: 0, nulCount: 0, longEncodedLines: 0, overlongEncodedLines: 0 },
    };
    const recorded = this.entities.length < MAX_MIME_PARTS;
    if (recorded) this.entities.push(entity);
    else this.cap(`more than ${MAX_MIME_PARTS} MIME parts`);
    return { entity, recorded, phase: 'header', header: [], headerBytes: 0, headerLimit, headerTruncated: false, children: 0, childDefault: 'text/plain' };
  }

  private cap(reason: string): void {
    if (this.cappedReported) return;
    this.cappedReported = true;
    this.addProblem({ kind: 'capped', line: this.line, reason });
  }

  private addProblem(problem: MimeProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }

  private get top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** Octets of the current line, its ending excluded. */
  private take(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.lineLength += bytes.length;
    if (this.holding) {
      const room = HEAD_BYTES - this.headLength;
      bytes.copy(this.head, this.headLength, 0, Math.min(room, bytes.length));
      this.headLength += Math.min(room, bytes.length);
      if (this.mayBeDelimiter()) return;
      this.holding = false;
      this.hand(this.head.subarray(0, this.headLength));
      if (bytes.length > room) this.hand(bytes.subarray(room));
      return;
    }
    this.hand(bytes);
  }

  /** Whether the line so far could still be a multipart delimiter (or, in a header, must be seen whole). */
  private mayBeDelimiter(): boolean {
    if (this.lineLength > HEAD_BYTES) return false;
    if (this.multipartsOpen === 0) return false;
    return (this.headLength < 1 || this.head[0] === DASH) && (this.headLength < 2 || this.head[1] === DASH);
  }

  /** Hands octets of a line that is not a delimiter to the frame reading it. */
  private hand(bytes: Buffer): void {
    const frame = this.top;
    if (!frame || bytes.length === 0) return;
    if (frame.phase === 'header') {
      this.storeHeader(frame, bytes);
      return;
    }
    frame.reader?.segment(bytes);
  }

  private storeHeader(frame: Frame, bytes: Buffer): void {
    if (frame.headerTruncated) return;
    const room = frame.headerLimit - frame.headerBytes;
    if (bytes.length > room) {
      frame.headerTruncated = true;
      if (room > 0) frame.header.push(Buffer.from(bytes.subarray(0, room)));
      frame.headerBytes += Math.max(room, 0);
      return;
    }
    frame.header.push(Buffer.from(bytes));
    frame.headerBytes += bytes.length;
  }

  private endLine(breakOctets: number): void {
    const delimiter = this.headLength >= 2 && this.head[0] === DASH && this.head[1] === DASH && this.lineLength <= HEAD_BYTES ? this.matchDelimiter() : undefined;
    if (delimiter && 'close' in delimiter) {
      this.onDelimiter(delimiter.frameIndex, delimiter.close);
    } else {
      if (delimiter) {
        const frame = this.frames[delimiter.frameIndex]!;
        this.addProblem({ kind: 'boundary-in-content', line: this.line, boundary: frame.dashBoundary!.subarray(2).toString('latin1'), entity: this.top!.entity.label });
      }
      if (this.holding) this.hand(this.head.subarray(0, this.headLength));
      this.endContentLine(breakOctets);
    }
    this.line += 1;
    this.lineLength = 0;
    this.headLength = 0;
    this.holding = true;
  }

  private endContentLine(breakOctets: number): void {
    const frame = this.top;
    if (!frame) return;
    if (frame.phase === 'content') {
      frame.reader?.endLine(breakOctets);
      frame.reader?.startLine(this.line + 1);
      return;
    }
    if (this.lineLength === 0 && breakOctets > 0) {
      this.storeHeader(frame, breakOctets === 2 ? CRLF : LF_ONLY);
      this.endHeader(frame, this.line + 1);
      return;
    }
    this.storeHeader(frame, breakOctets === 2 ? CRLF : breakOctets === 1 ? LF_ONLY : EMPTY);
  }

  /** The line (in `head`, whole) against every enclosing multipart's boundary, innermost first. */
  private matchDelimiter(): Delimiter | undefined {
    const line = this.head.subarray(0, this.headLength);
    let lookalike: Delimiter | undefined;
    for (let index = this.frames.length - 1; index >= 0; index -= 1) {
      const dashBoundary = this.frames[index]!.dashBoundary;
      if (!dashBoundary || line.length < dashBoundary.length || !line.subarray(0, dashBoundary.length).equals(dashBoundary)) continue;
      let rest = line.subarray(dashBoundary.length);
      const close = rest.length >= 2 && rest[0] === DASH && rest[1] === DASH;
      if (close) rest = rest.subarray(2);
      // RFC 2046 5.1.1: only transport padding (white space) may follow.
      if (rest.every((byte) => byte === 32 || byte === 9)) return { frameIndex: index, close };
      lookalike ??= { frameIndex: index, lookalike: true };
    }
    return lookalike;
  }

  private onDelimiter(frameIndex: number, close: boolean): void {
    // The parts it ends end on the line before it.
    while (this.frames.length - 1 > frameIndex) this.popFrame(this.line - 1);
    const frame = this.frames[frameIndex]!;
    const multipart = frame.entity.multipart!;
    if (frame.state === 'epilogue') {
      // After the close delimiter: a reader ignores it, and so does this scanner (content of the epilogue).
      this.addProblem({ kind: 'boundary-in-content', line: this.line, boundary: multipart.boundary, entity: frame.entity.label });
      return;
    }
    multipart.delimiters += 1;
    if (close) {
      multipart.closed = true;
      multipart.endLine = this.line;
      frame.state = 'epilogue';
      frame.reader?.startLine(this.line + 1);
      return;
    }
    frame.state = 'parts';
    frame.children += 1;
    const path = frame.entity.path === '' ? String(frame.children) : `${frame.entity.path}.${frame.children}`;
    this.frames.push(this.newFrame(path, `part ${path}`, frame.entity.depth + 1, this.line + 1, PART_HEADER_LIMIT, frame.childDefault));
  }

  /** Ends the innermost entity; its content's last line is `endLine` (at the input's end, the last line). */
  private popFrame(endLine = this.line): void {
    const frame = this.frames.pop();
    if (!frame) return;
    if (frame.phase === 'header') this.endHeader(frame, undefined);
    if (frame.entity.bodyLine !== undefined) frame.entity.endLine = endLine;
    frame.reader?.finish();
    if (frame.reader) frame.entity.content = frame.reader.facts;
    if (frame.dashBoundary) {
      this.multipartsOpen -= 1;
      const multipart = frame.entity.multipart!;
      if (!multipart.closed) multipart.endLine = this.line;
    }
  }

  private endHeader(frame: Frame, bodyLine: number | undefined): void {
    const entity = frame.entity;
    let header = frame.header.length === 1 ? frame.header[0]! : Buffer.concat(frame.header);
    // Cut by the header limit: the last line may be incomplete and says nothing.
    if (frame.headerTruncated) header = header.subarray(0, header.lastIndexOf(10) + 1);
    frame.header = [];
    frame.phase = 'content';
    entity.fields = mimeFieldsOf(header, entity.headerLine);
    const field = (name: string): HeaderField | undefined => entity.fields.find((candidate) => candidate.lowerName === name);
    const contentType = field('content-type');
    const disposition = field('content-disposition');
    const transfer = field('content-transfer-encoding');
    if (contentType) entity.contentType = parseParameterized(contentType, true);
    if (disposition) entity.contentDisposition = parseParameterized(disposition, false);
    if (transfer) entity.transferEncoding = parseParameterized(transfer, false);
    if (entity.contentType && !entity.contentType.syntaxError) entity.mediaType = entity.contentType.value;
    if (entity.transferEncoding?.value) entity.encoding = entity.transferEncoding.value;
    if (entity.mediaType.startsWith('text/')) entity.charset = (parameterOf(entity.contentType, 'charset')?.value ?? 'us-ascii').toLowerCase();
    if (bodyLine === undefined) return;
    entity.bodyLine = bodyLine;
    this.startContent(frame, bodyLine);
  }

  private startContent(frame: Frame, bodyLine: number): void {
    const entity = frame.entity;
    const identity = entity.encoding === '7bit' || entity.encoding === '8bit' || entity.encoding === 'binary';
    const nests = entity.mediaType.startsWith('multipart/') || entity.mediaType === 'message/rfc822' || entity.mediaType === 'message/global';
    if (nests && entity.depth >= MAX_MIME_DEPTH) this.cap(`MIME parts nested deeper than ${MAX_MIME_DEPTH} levels`);
    const deepEnough = entity.depth < MAX_MIME_DEPTH;
    const boundary = parameterOf(entity.contentType, 'boundary')?.value;
    if (entity.mediaType.startsWith('multipart/') && boundary && deepEnough) {
      entity.multipart = { boundary, delimiters: 0, closed: false, endLine: bodyLine } satisfies MultipartFacts;
      frame.dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
      frame.state = 'preamble';
      frame.childDefault = entity.mediaType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
      this.multipartsOpen += 1;
      this.notePrefixBoundaries(frame, boundary);
      frame.reader = new ContentReader({ encoding: '7bit' });
      frame.reader.startLine(bodyLine);
      return;
    }
    if ((entity.mediaType === 'message/rfc822' || entity.mediaType === 'message/global') && identity && deepEnough) {
      const label = entity.path === '' ? 'the attached message' : `the message attached as ${entity.label}`;
      this.frames.push(this.newFrame(entity.path, label, entity.depth + 1, bodyLine, PART_HEADER_LIMIT, 'text/plain'));
      return;
    }
    const textCharset = entity.charset === 'utf-8' || entity.charset === 'utf8' ? 'utf-8' : entity.charset === 'us-ascii' ? 'us-ascii' : undefined;
    frame.reader = new ContentReader({ encoding: entity.encoding, ...(textCharset ? { textCharset } : {}) });
    frame.reader.startLine(bodyLine);
  }

  /** A boundary that starts with an enclosing one (or is its start) is read as the outer delimiter by prefix-matching readers. */
  private notePrefixBoundaries(frame: Frame, boundary: string): void {
    for (const outer of this.frames) {
      if (outer === frame || !outer.dashBoundary || !outer.entity.multipart) continue;
      const enclosing = outer.entity.multipart.boundary;
      if (boundary.startsWith(enclosing) || enclosing.startsWith(boundary)) {
        this.addProblem({ kind: 'boundary-prefix', line: frame.entity.contentType?.field.line ?? frame.entity.headerLine, boundary, enclosing, entity: frame.entity.label });
      }
    }
  }
}

const CRLF = Buffer.from('\r\n');
const NEWLINE_DASHES = Buffer.from('\n--');
const NEWLINE_CRLF = Buffer.from('\n\r\n');
const NEWLINE_LF = Buffer.from('\n\n');
const LF_ONLY = Buffer.from('\n');
const EMPTY = Buffer.alloc(0);

export function parseMime(input: string | Uint8Array): MimeStructure {
  const scanner = new MimeScanner();
  scanner.push(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  return scanner.finish();
}
