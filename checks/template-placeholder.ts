import { defineCheck } from '../src/define-check.js';
import { locateInField } from '../src/message/header-section.js';
import type { Finding } from '../src/types.js';

/**
 * Placeholder syntaxes of the common template languages, left in a header when a variable did not
 * render: Mustache/Handlebars/Jinja/Liquid/Twig `{{ x }}` and `{% x %}`, Mailchimp merge tags
 * `*|FNAME|*`, ERB/EJS `<%= x %>`, JavaScript/Java EL `${x}`. None of them is legitimate header text.
 */
const PLACEHOLDER = /\{\{[^{}]{0,200}\}\}|\{%[^%]{0,200}%\}|\*\|[A-Z0-9_:]{1,60}\|\*|<%=?[^%]{0,200}%>|\$\{[^{}]{1,200}\}/g;
const UNCLOSED = /\{\{|\{%|<%=/g;
/** Every placeholder starts with one of these: fields without any are skipped cheaply. */
const OPENERS = /\{[{%]|\*\||<%|\$\{/;
const EXCERPT = 60;

/**
 * The first opener that is not inside a whole placeholder: in `{{ a }}, {{ b` it is `{{ b`. Both
 * lists run in index order, so one pass over each (a hostile field can hold thousands of both).
 */
function firstOpenerOutside(value: string, placeholders: ReadonlyArray<readonly [start: number, end: number]>): { text: string; index: number } | undefined {
  let next = 0;
  for (const opener of value.matchAll(UNCLOSED)) {
    while (next < placeholders.length && placeholders[next]![1] <= opener.index) next += 1;
    const around = placeholders[next];
    if (around === undefined || opener.index < around[0]) return { text: opener[0], index: opener.index };
  }
  return undefined;
}

export default defineCheck({
  id: 'template-placeholder',
  title: 'A template placeholder was left unrendered in a header field',
  target: 'message',
  defaultSeverity: 'error',
  prevents:
    '550 5.1.1 / 553 5.1.3 bounces of addresses such as "{{email}}", and subjects or sender names that show the raw template to every recipient',
  references: ['RFC 5322 3.4', 'RFC 5322 3.6.5'],
  needs: [],
  run({ message }) {
    const findings: Finding[] = [];
    for (const field of message.fields) {
      if (!OPENERS.test(field.value)) continue;
      const placeholders: Array<[start: number, end: number]> = [];
      for (const match of field.value.matchAll(PLACEHOLDER)) {
        placeholders.push([match.index, match.index + match[0].length]);
        const text = match[0].length > EXCERPT ? `${match[0].slice(0, EXCERPT)}…` : match[0];
        findings.push({
          message: `${field.name} holds the template placeholder ${text}: the variable did not render, so it goes out as written`,
          ...locateInField(field, match.index),
          fix: `render ${text} before sending (check the variable's name and that the template receives its value), or remove it`,
        });
      }
      const unclosed = firstOpenerOutside(field.value, placeholders);
      if (unclosed) {
        findings.push({
          message: `${field.name} holds "${unclosed.text}" with no closing delimiter: a template placeholder that did not render (or a broken one)`,
          ...locateInField(field, unclosed.index),
          fix: 'render or remove the placeholder',
        });
      }
    }
    return findings;
  },
});
