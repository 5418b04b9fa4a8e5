// JSON.parse, with the failure turned into a line and column a person can jump to. Node 20 reports
// "at position N", Node 22 adds "(line L column C)": both are read, the offset is the fallback.

export interface JsonFailure {
  reason: string;
  line?: number;
  column?: number;
}

export type JsonParseOutcome = { ok: true; value: unknown } | { ok: false; failure: JsonFailure };

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

export function parseJson(text: string): JsonParseOutcome {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 echoes (part of) the input in some messages: the file's text has no place in ours.
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    const stated = /line (\d+) column (\d+)/.exec(message);
    if (stated) return { ok: false, failure: { reason, line: Number(stated[1]), column: Number(stated[2]) } };
    const position = /position (\d+)/.exec(message);
    if (position) return { ok: false, failure: { reason, ...lineAndColumn(text, Number(position[1])) } };
    // "Unexpected end of JSON input" carries no position: it is at the end.
    if (/end of JSON input/.test(message)) return { ok: false, failure: { reason, ...lineAndColumn(text, text.length) } };
    return { ok: false, failure: { reason } };
  }
}
