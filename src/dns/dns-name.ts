// DNS names as maillint keeps them: lower case, no trailing dot. Query names are checked before
// they go on the wire so a hostile string from a message can never become a query.

const QUERY_LABEL = /^[a-z0-9_-]{1,63}$/;
/** Every label a QUERY_LABEL: one test for the whole name, the labels read one by one only to say what is wrong. */
const QUERY_NAME = /^[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63})*$/;
export const MAX_NAME_OCTETS = 253;

/**
 * Lower case, one trailing dot dropped (`Example.COM.` → `example.com`). A dot escaped as the last
 * octet of a label (`relay\.`, in a name read off the wire) is part of the label and stays.
 */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') && !/(?:^|[^\\])(?:\\\\)*\\\.$/.test(lower) ? lower.slice(0, -1) : lower;
}

/**
 * Why `name` (already normalised) cannot be sent as a query, or undefined when it can.
 * Labels of 1–63 letters, digits, `-` or `_` (service names such as `_dmarc`), 253 octets at most.
 */
export function queryNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'empty name';
  // Only names read off the wire hold escapes: a label with a "." or an octet no host name has.
  if (name.includes('\\')) return 'a label holds "." or an octet outside letters, digits, "-" and "_" (shown escaped, as in a zone file)';
  if (name.length > MAX_NAME_OCTETS) return `name is ${name.length} octets long; the limit is ${MAX_NAME_OCTETS}`;
  if (QUERY_NAME.test(name)) return undefined;
  for (const label of name.split('.')) {
    if (!QUERY_LABEL.test(label)) {
      return label.length === 0
        ? 'empty label (two dots in a row, or a leading dot)'
        : `label ${JSON.stringify(label.slice(0, 63))} is not 1–63 letters, digits, "-" or "_"`;
    }
  }
  return undefined;
}
