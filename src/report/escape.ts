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

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Half of a UTF-16 pair cannot be written as UTF-8 or XML: it is shown as \uXXXX instead. */
export function escapeLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, (character) => `\\u${character.charCodeAt(0).toString(16)}`);
}

/** Characters JSON.stringify leaves raw that a terminal may act on (C1 controls, bidi overrides). */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with every character a terminal could act on written as a \uXXXX escape: the
 * parsed value is exactly the original (lossless), while `cat report.json` stays harmless.
 * (JSON.stringify already escapes C0 controls and lone surrogates.)
 */
export function stringifyJsonSafely(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
