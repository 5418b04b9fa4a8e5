// Findings about the input itself rather than a check's verdict: the file could not be read, or
// is not a message at all. They are not checks (no rule setting turns them off: switching them
// off would turn an unread file into a silent pass) and are always errors.

export const INPUT_UNREADABLE = 'input-unreadable';
export const INPUT_BINARY = 'input-binary';

export const INPUT_FINDING_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [INPUT_UNREADABLE]: 'Input could not be read',
  [INPUT_BINARY]: 'Input is binary data, not a message',
};
