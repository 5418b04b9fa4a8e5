import { locateInField } from '../src/message/header-section.js';
import type { Finding, MessageCheck } from '../src/types.js';

/**
 * Placeholder syntaxes of the common template languages, left in a header when a variable did not
 * render: Mustache/Handlebars/Jinja/Liquid/Twig `{{ x }}` and `{% x %}`, Mailchimp merge tags
 * `*|FNAME|*`, ERB/EJS `<%= x %>`, JavaScript/Java EL `${x}`. None of them is legitimate header text.
 */
const PLACEHOLDER = /\{\{[^{}]{0,200}\}\}|\{%[^%]{0,200}%\}|\*\|[A-Z0-9_:]{1,60}\|\*|<%=?[^%]{0,200}%>|\$\{[^{}]{1,200}\}/g;
const UNCLOSED = /\{\{|\{%|<%=/;
/** Every placeholder starts with one of these: fields without any are skipped cheaply. */
const OPENERS = /\{[{%]|\*\||<%|\$\{/;
const EXCERPT = 60;

export default {
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
      for (const match of field.value.matchAll(PLACEHOLDER)) {
        const text = match[0].length > EXCERPT ? `${match[0].slice(0, EXCERPT)}…` : match[0];
        findings.push({
          message: `${field.name} holds the template placeholder ${text}: the variable did not render, so it goes out as written`,
          ...locateInField(field, match.index),
          fix: `render ${text} before sending (check the variable's name and that the template receives its value), or remove it`,
        });
      }
      const unclosed = UNCLOSED.exec(field.value);
      if (unclosed && !field.value.slice(unclosed.index).match(PLACEHOLDER)) {
        findings.push({
          message: `${field.name} holds "${unclosed[0]}" with no closing delimiter: a template placeholder that did not render (or a broken one)`,
          ...locateInField(field, unclosed.index),
          fix: 'render or remove the placeholder',
        });
      }
    }
    return findings;
  },
} satisfies MessageCheck;
