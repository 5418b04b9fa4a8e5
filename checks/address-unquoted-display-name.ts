import { defineCheck } from '../src/define-check.js';
import { problemFinding, type AddressFieldView, type AddressProblem } from '../src/message/address.js';
import { fieldBytes } from '../src/message/field-bytes.js';
import type { FixEdit } from '../src/types.js';

/** The quoting as an edit of the field's octets (a standalone address has no file to edit). */
function quoteEdit(view: AddressFieldView, problem: AddressProblem): FixEdit[] {
  const bytes = view.field ? fieldBytes(view.field) : undefined;
  if (!bytes || !problem.replacement) return [];
  const { start, end, text } = problem.replacement;
  return [{ range: [bytes.offsetOf(start), bytes.offsetOf(end)], text }];
}

export default defineCheck({
  id: 'address-unquoted-display-name',
  title: 'Display name with a comma or other special character is not quoted',
  target: 'address',
  defaultSeverity: 'error',
  prevents: '501 5.1.3 / 553 5.1.3 bounces for the phantom address ("Doe" in "Doe, John <j@example.com>"), replies that go to the wrong list, and Gmail "550-5.7.1 ... not RFC 5322 compliant" for unparseable From fields',
  references: ['RFC 5322 3.2.3', 'RFC 5322 3.2.4', 'RFC 5322 3.4'],
  needs: [],
  run({ addresses }) {
    return addresses.flatMap((view) =>
      view.parsed.problems.filter((problem) => problem.category === 'unquoted-display-name').map((problem) => ({ ...problemFinding(view, problem), edits: quoteEdit(view, problem) })),
    );
  },
});
