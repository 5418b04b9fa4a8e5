// Findings about the input itself rather than a check's verdict: the file could not be read, is
// not a message at all, or was left out on purpose. They are not checks (no rule setting turns them
// off: switching them off would turn an unread file into a silent pass). Unread or binary input is
// an error; a cap on what was audited, or a link a folder walk did not follow (it could print any
// file, ~/.aws/credentials say; the user decides by naming it), is a warning, so the gap is never silent.

export const INPUT_UNREADABLE = 'input-unreadable';
export const INPUT_BINARY = 'input-binary';
/** A message named more domains than a run audits for one message: the rest were not checked. */
export const INPUT_DOMAINS_CAPPED = 'input-domains-capped';
/** A symbolic link out of the folder being walked: not followed. */
export const INPUT_SKIPPED = 'input-skipped';

export const INPUT_FINDING_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [INPUT_UNREADABLE]: 'Input could not be read',
  [INPUT_BINARY]: 'Input is binary data, not a message',
  [INPUT_DOMAINS_CAPPED]: 'Message names more domains than one run audits for a message',
  [INPUT_SKIPPED]: 'Input was not read: a symbolic link out of the folder being linted',
};

export const INPUT_FINDING_SEVERITIES: Readonly<Record<string, 'error' | 'warn'>> = {
  [INPUT_UNREADABLE]: 'error',
  [INPUT_BINARY]: 'error',
  [INPUT_DOMAINS_CAPPED]: 'warn',
  [INPUT_SKIPPED]: 'warn',
};
