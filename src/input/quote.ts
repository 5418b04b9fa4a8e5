// Text a user or a file supplied (a config key, a check id, an option name, a flag's value), quoted
// for an error message: JSON-quoted so ESC, BEL and NUL show as escapes instead of acting on the
// terminal, and cut so a 10,000-character key cannot flood it. (The CLI escapes what JSON leaves raw,
// C1 controls and bidi overrides, when it prints the message.)

/** Enough for any real key, check id or setting; past it the text is cut with "…". */
export const MAX_QUOTED_CHARACTERS = 40;

function cut(text: string): string {
  const characters = [...text];
  return characters.length <= MAX_QUOTED_CHARACTERS ? text : `${characters.slice(0, MAX_QUOTED_CHARACTERS - 1).join('')}…`;
}

export function quoteUserText(text: string): string {
  return JSON.stringify(cut(text));
}

/** Any JSON value as written (a string quoted), cut like quoteUserText: `"warning"`, `5`, `{"a":[1,2…`. */
export function showUserValue(value: unknown): string {
  if (typeof value === 'string') return quoteUserText(value);
  return cut(JSON.stringify(value) ?? String(value));
}
