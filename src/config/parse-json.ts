// JSON.parse, with the failure turned into a line and column a person can jump to and a reason in
// our own words. V8 quotes the input in some messages (Node 20: `Unexpected token 'A', "AWS_SECRET"...
// is not valid JSON`), and a config file may be anything a repository points at, so no part of V8's
// message reaches the user: it is only matched against the known wordings, and the position is read
// from it ("at position N", Node 22+ also "(line L column C)") or, where V8 gives none, located.

export interface JsonFailure {
  /** One of JSON_FAILURE_REASONS: never text from the input. */
  reason: string;
  line?: number;
  column?: number;
}

export type JsonParseOutcome = { ok: true; value: unknown } | { ok: false; failure: JsonFailure };

const UNEXPECTED_CHARACTER = 'unexpected character';
const NOT_VALID_JSON = 'not valid JSON';

/** V8's wordings (Node 20 to 24) → ours. Anything else is "not valid JSON". */
const REASONS: readonly (readonly [RegExp, string])[] = [
  [/^Unexpected end of JSON input/, 'unexpected end of input (an unclosed {, [ or ")'],
  [/^Unexpected token|is not valid JSON$/, UNEXPECTED_CHARACTER],
  [/^Unexpected (number|string) in JSON/, UNEXPECTED_CHARACTER],
  [/^Unexpected non-whitespace character after JSON/, 'more text after the JSON value'],
  [/^Unterminated string in JSON/, 'unterminated string'],
  [/^Bad control character in string literal/, 'a control character inside a string (write it as \\t, \\n or \\u00XX)'],
  [/^Bad escaped character in JSON/, 'a bad escape in a string'],
  [/^Bad Unicode escape in JSON/, 'a bad \\u escape in a string'],
  [/^Expected property name or '}'/, "expected a property name or '}'"],
  [/^Expected double-quoted property name/, 'expected a double-quoted property name (a trailing comma?)'],
  [/^Expected ':' after property name/, "expected ':' after a property name"],
  [/^Expected ',' or '}' after property value/, "expected ',' or '}' after a property value"],
  [/^Expected ',' or ']' after array element/, "expected ',' or ']' after an array element"],
  [/^No number after minus sign/, 'no number after a minus sign'],
  [/^Exponent part is missing a number/, 'an exponent without digits'],
  [/^Unterminated fractional number/, 'a fraction without digits'],
];

/** Every reason a JsonFailure can carry. */
export const JSON_FAILURE_REASONS: readonly string[] = [...new Set([...REASONS.map(([, reason]) => reason), NOT_VALID_JSON])];

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text.charCodeAt(index) === 10) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Whether JSON.parse finds a mistake inside `prefix` itself (not merely that it ends too soon). */
function failsWithin(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (/end of JSON input/.test(message)) return false;
    // "Unterminated string in JSON at position <its length>" and kin: cut short, not wrong.
    const position = /position (\d+)/.exec(message);
    return position === null || Number(position[1]) < prefix.length;
  }
}

/**
 * The offset of the first mistake, for messages that state none: JSON is read left to right, so the
 * shortest prefix with a mistake in it ends at the mistake. Bisection: about 20 parses of a 1 MB file.
 */
function locateMistake(text: string): number {
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsWithin(text.slice(0, middle))) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

/** Our reason and position for V8's `message` about `text` (exported for tests of other Node versions' wordings). */
export function describeJsonFailure(message: string, text: string): JsonFailure {
  const reason = REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? NOT_VALID_JSON;
  const stated = /\(line (\d+) column (\d+)\)/.exec(message);
  if (stated) return { reason, line: Number(stated[1]), column: Number(stated[2]) };
  const position = /at position (\d+)/.exec(message);
  if (position) return { reason, ...lineAndColumn(text, Number(position[1])) };
  // "Unexpected end of JSON input" carries no position: it is at the end.
  if (/end of JSON input/.test(message)) return { reason, ...lineAndColumn(text, text.length) };
  return { reason, ...lineAndColumn(text, locateMistake(text)) };
}

export function parseJson(text: string): JsonParseOutcome {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, failure: describeJsonFailure(message, text) };
  }
}
