// Using maillint's API in a template pipeline's unit tests: render a message the way the pipeline
// does (placeholders filled, CRLF line endings), then assert lintMessage finds no errors.
// In your project: `import { lintMessage } from 'maillint';` (this example imports the source).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintMessage, type ReportedFinding } from '../../src/index.js';

/** A minimal template engine: {{name}} placeholders; a missing variable is a bug, not an empty string. */
function renderTemplate(template: string, variables: Record<string, string>): string {
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`template variable "${name}" is not set`);
    return value;
  });
  // Templates are written with \n; mail on the wire uses CRLF (RFC 5322 2.1).
  return filled.replace(/\r?\n/g, '\r\n');
}

const INVOICE_TEMPLATE = `From: {{senderName}} <billing@example.com>
To: {{customerName}} <{{customerAddress}}>
Subject: Your invoice {{invoiceNumber}}
Date: {{date}}
Message-ID: <invoice-{{invoiceNumber}}@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Hello {{customerName}},

your invoice {{invoiceNumber}} is attached.
`;

/** What the sending library would stamp at send time; fixed here so the test is repeatable. */
const SEND_TIME = new Date('2026-11-24T10:00:00Z');

const errorsOf = (findings: readonly ReportedFinding[]): string[] =>
  findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.check}: ${finding.message}`);

const api = suite('API: lint a rendered template');

api('the rendered invoice mail has no errors', async () => {
  const message = renderTemplate(INVOICE_TEMPLATE, {
    senderName: 'Example Billing',
    customerName: 'Jane Doe',
    customerAddress: 'jane@example.net',
    invoiceNumber: '2026-0042',
    date: 'Tue, 24 Nov 2026 10:00:00 +0000',
  });
  const result = await lintMessage(message, { now: SEND_TIME, target: 'invoice.eml' });
  assert.equal(errorsOf(result.findings), []);
});

api('profile "template": a message the library will date later still passes', async () => {
  // Many pipelines leave Date and Message-ID to the sending library; the template profile
  // lowers their absence to info.
  const withoutDate = INVOICE_TEMPLATE.replace('Date: {{date}}\n', '').replace(/Message-ID: .*\n/, '');
  const message = renderTemplate(withoutDate, {
    senderName: 'Example Billing',
    customerName: 'Jane Doe',
    customerAddress: 'jane@example.net',
    invoiceNumber: '2026-0042',
  });
  const asTemplate = await lintMessage(message, { now: SEND_TIME, profile: 'template' });
  assert.equal(errorsOf(asTemplate.findings), []);
  assert.ok(asTemplate.findings.some((finding) => finding.check === 'date-missing' && finding.severity === 'info'));
  // The same bytes as a final message fail: and the finding says how to fix it.
  const asFinal = await lintMessage(message, { now: SEND_TIME });
  const dateMissing = asFinal.findings.find((finding) => finding.check === 'date-missing');
  assert.is(dateMissing?.severity, 'error');
  assert.match(dateMissing?.fix ?? '', /^add "Date: /);
});

api.run();
