// The parsed form of a message that every message check reads. Positions are 1-based. Lines are
// ended by LF (with or without CR before it); a bare CR does not end a line. Columns of header
// fields and header problems count characters of the physical line decoded as UTF-8 (what an
// editor shows); positions the scanner records while streaming (line endings, long lines) count
// octets, which is the same for ASCII lines. Byte offsets count octets from the start of the input.

export interface HeaderField {
  /** Field name as written (without trailing white space before the colon). */
  name: string;
  /** Lower-cased name, for case-insensitive comparison (RFC 5322 1.2.2). */
  lowerName: string;
  /** Everything after the colon up to the end of the field, line breaks of folding included. */
  rawValue: string;
  /** The value unfolded (RFC 5322 2.2.3: CRLF before white space removed), decoded as UTF-8. */
  value: string;
  line: number;
  column: number;
  byteOffset: number;
  /** Last physical line of the field (folded fields span several). */
  endLine: number;
  /** Where `value` starts: the character after the colon. */
  valueLine: number;
  valueColumn: number;
  /** Start of each physical line's part within `value`, for mapping an index in `value` to a position. */
  segments: readonly ValueSegment[];
  /** The field contains octets above 127. */
  hasEightBit: boolean;
  /** Octets of the whole field: name, colon, value and every line break of it. */
  byteLength: number;
  /** Where the first octet above 127 stands (absent when there is none). */
  firstEightBit?: Position;
  /** Where the first octet sequence that is not valid UTF-8 starts (absent when all 8-bit text is UTF-8). */
  invalidUtf8?: Position;
}

export interface ValueSegment {
  /** Index in `value` where this physical line's part starts. */
  valueIndex: number;
  line: number;
  column: number;
}

export type HeaderProblemKind =
  /** A line in the header section that is neither a field nor a continuation, and has no colon. */
  | 'no-colon'
  /** Field name with characters outside printable ASCII (RFC 5322 3.6.8 ftext), or white space inside it. */
  | 'bad-field-name'
  /** White space between the field name and the colon: obsolete syntax (RFC 5322 4.5.8). */
  | 'space-before-colon'
  /** The header section starts with a folded (white-space) line: there is no field to continue. */
  | 'leading-continuation'
  /** NUL or another control character (other than TAB and CR) inside the header section. */
  | 'control-character'
  /** Body text began without the empty line that ends the header section. */
  | 'missing-blank-line'
  | 'empty-field-name'
  /** A continuation line of white space only: obsolete (RFC 5322 4.2) and read as the header's end by some. */
  | 'whitespace-only-line'
  /** Line 1 is an mbox "From " separator, which is not part of the message. */
  | 'mbox-separator'
  /** The input starts with a UTF-8 byte-order mark, which becomes part of the first field name. */
  | 'byte-order-mark';

export interface HeaderProblem {
  kind: HeaderProblemKind;
  line: number;
  column: number;
  /** The offending text, shortened; never printed raw (formatters escape it). */
  excerpt: string;
}

export interface Position {
  line: number;
  column: number;
}

export interface LineEndingFacts {
  crlf: number;
  bareLf: number;
  bareCr: number;
  firstBareLf?: Position;
  firstBareCr?: Position;
  /** First CRLF, to point at the minority style in a mixed message. */
  firstCrlf?: Position;
  /**
   * Octet offsets of the first line endings of each kind (of the CR for CRLF and bare CR, of the LF
   * for a bare LF), up to MAX_RECORDED_LINE_ENDINGS each: what the line-ending fix edits.
   */
  offsets?: { crlf: readonly number[]; bareLf: readonly number[]; bareCr: readonly number[] };
}

export interface LongLine {
  line: number;
  /** Length in octets, line ending excluded. */
  octets: number;
  inHeader: boolean;
}

export interface EightBitOccurrence extends Position {
  fieldName: string;
}

export interface ParsedMessage {
  /** Size of the whole input in octets. */
  size: number;
  /**
   * Lines of the enclosing file before the message's line 1: 0 as parsed; the engine sets it for an
   * mbox message or a message returned in a bounce, and adds it to the findings' positions. Lines in
   * a finding's text are written with fileLine (fields.ts) so that they agree with its position.
   */
  lineOffset: number;
  fields: readonly HeaderField[];
  headerProblems: readonly HeaderProblem[];
  header: {
    /**
     * Octets of the header section including the empty line that ends it. Past the parse limit the
     * octets are still counted (not kept), so this is the real size up to the empty line.
     */
    byteLength: number;
    lineCount: number;
    /** A blank line ended the header section (false also when the input ends inside the header). */
    endedByBlankLine: boolean;
    /** The header section went past the parse limit: fields after it were not read. */
    truncated: boolean;
    /** The limit in force, in octets. */
    limitBytes: number;
    /** Header octets above 127, first few occurrences. */
    eightBit: readonly EightBitOccurrence[];
  };
  body: {
    /** First line of the body, or undefined when the body is empty. */
    startLine?: number;
    byteLength: number;
    lineCount: number;
    hasEightBit: boolean;
    hasNul: boolean;
  };
  lineEndings: LineEndingFacts;
  /** Physical lines (header and body) longer than 78 octets, the first `longLinesRecorded` of them. */
  longLines: readonly LongLine[];
  /** Number of lines over 78 octets in all, including those not recorded. */
  longLineCount: number;
  /** Number of lines over 998 octets in all (the RFC 5322 2.1.1 limit), including those not recorded. */
  linesOver998: number;
  /** Longest line in octets. */
  maxLineOctets: number;
  /**
   * The input looks like binary data rather than a message: a known binary signature (PNG, JPEG,
   * GIF, ZIP, gzip, ELF), or NUL and control bytes filling the first kilobyte of its header section
   * (of the input, when no header field parses). Body octets never decide it; a stray NUL in a
   * text message does not either: it is a finding at its line.
   */
  looksBinary: boolean;
}
