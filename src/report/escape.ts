// Text from messages, addresses and DNS answers is untrusted: before it reaches a terminal or a
// report, control characters (ANSI escapes among them) are made visible instead of acted on.

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes every C0/C1 control except tab and newline, and the bidi overrides that reorder text. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => {
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** For one-line contexts (stylish rows): newlines and tabs are escaped too. */
export function escapeForLine(text: string): string {
  return escapeControlCharacters(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
