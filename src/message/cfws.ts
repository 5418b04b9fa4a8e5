// RFC 5322 3.2.2 comments and folding white space (CFWS): the one lexer every structured-field
// reader in src/message uses to step over them (date-time, msg-id, address structure, the places
// of encoded-words). Comments nest and hold quoted-pairs; nesting is counted, never recursed into,
// so 100,000 "(" cannot overflow the stack, and each character is looked at once.

/** One comment, from its "(" to the ")" that closes it (or to the end of the text). */
export interface CommentSpan {
  /** Index of the opening "(". */
  start: number;
  /** Index just after the closing ")", or the text's length when the comment never closes. */
  end: number;
  closed: boolean;
  /** How many comments were open at the end of the text (0 when closed). */
  depthAtEnd: number;
  /** Deepest nesting inside it: 1 for "(a)", 2 for "(a (b))". */
  maxDepth: number;
  /** Index of the first "(" that reached maxDepth. */
  deepestIndex: number;
  /** First NUL, CR or LF written as itself (not quoted with "\"); -1 for none. ctext and FWS never hold them. */
  bareLineBreakOrNulIndex: number;
}

/** Reads the comment whose "(" is at `start`. A "\" quotes the character after it (quoted-pair). */
export function readComment(text: string, start: number): CommentSpan {
  let depth = 0;
  let maxDepth = 0;
  let deepestIndex = start;
  let bareLineBreakOrNulIndex = -1;
  let index = start;
  while (index < text.length) {
    const character = text[index]!;
    if (character === '\\') {
      index += 2;
      continue;
    }
    if (character === '(') {
      depth += 1;
      if (depth > maxDepth) {
        maxDepth = depth;
        deepestIndex = index;
      }
    } else if (character === ')') {
      depth -= 1;
      if (depth === 0) return { start, end: index + 1, closed: true, depthAtEnd: 0, maxDepth, deepestIndex, bareLineBreakOrNulIndex };
    } else if (bareLineBreakOrNulIndex === -1 && (character === '\r' || character === '\n' || character === '\0')) {
      bareLineBreakOrNulIndex = index;
    }
    index += 1;
  }
  return { start, end: text.length, closed: false, depthAtEnd: depth, maxDepth, deepestIndex, bareLineBreakOrNulIndex };
}

/** What a run of CFWS held. */
export interface CfwsRun {
  start: number;
  /** Index of the first character that is neither white space nor in a comment. */
  end: number;
  whiteSpace: boolean;
  comment: boolean;
  /** The run ends in white space (date-time's zone = FWS sign 4DIGIT needs it just before the sign). */
  endsInWhiteSpace: boolean;
  /** A comment that never closes (the run then reaches the end of the text). */
  unclosed?: CommentSpan;
  /** First bare NUL, CR or LF inside a comment of the run; -1 for none. */
  bareLineBreakOrNulIndex: number;
}

export interface CfwsOptions {
  /**
   * CR and LF count as white space. Off for unfolded values read strictly (a line break left
   * there is a bare one, an error); on where a reader is lenient about folding.
   */
  lineBreaks?: boolean;
}

const NO_OPTIONS: CfwsOptions = {};

function isWhiteSpace(character: string, lineBreaks: boolean): boolean {
  return character === ' ' || character === '\t' || (lineBreaks && (character === '\r' || character === '\n'));
}

/**
 * Index just after the white space and comments from `start`, or -1 when a comment never closes.
 * For readers that need only where the run ends (it allocates nothing unless there is a comment).
 */
export function skipCfws(text: string, start: number, options: CfwsOptions = NO_OPTIONS): number {
  const lineBreaks = options.lineBreaks ?? false;
  let index = start;
  while (index < text.length) {
    const character = text[index]!;
    if (isWhiteSpace(character, lineBreaks)) {
      index += 1;
    } else if (character === '(') {
      const comment = readComment(text, index);
      if (!comment.closed) return -1;
      index = comment.end;
    } else {
      break;
    }
  }
  return index;
}

/** Skips white space and comments, in any order, from `start`, and says what they were. */
export function readCfws(text: string, start: number, options: CfwsOptions = NO_OPTIONS): CfwsRun {
  const lineBreaks = options.lineBreaks ?? false;
  const run: CfwsRun = { start, end: start, whiteSpace: false, comment: false, endsInWhiteSpace: false, bareLineBreakOrNulIndex: -1 };
  while (run.end < text.length) {
    const character = text[run.end]!;
    if (isWhiteSpace(character, lineBreaks)) {
      run.whiteSpace = true;
      run.endsInWhiteSpace = true;
      run.end += 1;
    } else if (character === '(') {
      const comment = readComment(text, run.end);
      run.comment = true;
      run.endsInWhiteSpace = false;
      if (run.bareLineBreakOrNulIndex === -1) run.bareLineBreakOrNulIndex = comment.bareLineBreakOrNulIndex;
      run.end = comment.end;
      if (!comment.closed) run.unclosed = comment;
    } else {
      break;
    }
  }
  return run;
}
