// A fix as data: byte ranges of the ORIGINAL message and what replaces them (ESLint's `{ range, text }`,
// on octets rather than characters, because a message is octets and may not be valid UTF-8).

export interface FixEdit {
  /** [start, end) in octets of the message as linted; start === end inserts. */
  range: readonly [number, number];
  /** What replaces the range, written as UTF-8 (fixes only ever write ASCII today). */
  text: string;
}

/** An edit that needs a person's judgement: shown, never applied by --fix. */
export interface FixSuggestion {
  /** What the suggestion does, for a person ("write user@gmail.com"). */
  message: string;
  edits: readonly FixEdit[];
}
