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

/**
 * GitHub's Actions runner acts on a legacy `##[command]` anywhere in a log line (the modern
 * `::command::` only at a line's start), `##[stop-commands]` among them: wherever text from input
 * reaches the log, the bracket is shown as `\x5b`.
 */
const LEGACY_WORKFLOW_COMMAND = /##\[/g;

export function escapeLegacyWorkflowCommands(text: string): string {
  return text.replace(LEGACY_WORKFLOW_COMMAND, '##\\x5b');
}

/** For one-line contexts (stylish rows, stderr): newlines and tabs are escaped too. */
export function escapeForLine(text: string): string {
  return escapeLegacyWorkflowCommands(escapeControlCharacters(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t'));
}

/**
 * A line that starts, after white space, with `::` and holds another `::` is one the runner runs as
 * a command. A file path shown at a line's start is prefixed with `./` then: the same file, never a
 * command (an IPv6 target such as `::1` holds one `::` at most, and is left alone).
 */
export function pathForLineStart(path: string): string {
  return /^\s*::[\s\S]*::/.test(path) ? `./${path}` : path;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Half of a UTF-16 pair cannot be written as UTF-8 or XML: it is shown as \uXXXX instead. */
export function escapeLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, (character) => `\\u${character.charCodeAt(0).toString(16)}`);
}

/** Characters JSON.stringify leaves raw that a terminal may act on (C1 controls, bidi overrides). */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with every character a terminal or the Actions runner could act on written as a
 * \uXXXX escape: the parsed value is exactly the original (lossless), while `cat report.json` stays
 * harmless.
 * (JSON.stringify already escapes C0 controls and lone surrogates.)
 */
export function stringifyJsonSafely(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(RAW_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    // `##[` occurs only inside strings (JSON syntax has no #), where \u005b reads back as `[`.
    .replace(LEGACY_WORKFLOW_COMMAND, '##\\u005b');
}
