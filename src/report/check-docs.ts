// A check's doc page (checks/<id>.md) split into what SARIF rule descriptors carry: the page is
// the single source of a check's documentation, so reports never drift from `maillint rules <id>`.

import { readFileSync } from 'node:fs';
import { checkDocPath } from '../engine/docs.js';

export interface CheckDoc {
  /** The whole page (markdown). */
  markdown: string;
  /** The "What it does" section as one paragraph. */
  whatItDoes: string;
}

const cache = new Map<string, CheckDoc | undefined>();

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return '';
  const body = markdown.slice(start + heading.length + 5);
  const end = body.indexOf('\n## ');
  return (end === -1 ? body : body.slice(0, end)).trim().replace(/\s*\n\s*/g, ' ');
}

/** The check's doc page, or undefined for ids without one (input-unreadable). */
export function checkDoc(id: string): CheckDoc | undefined {
  if (cache.has(id)) return cache.get(id);
  let doc: CheckDoc | undefined;
  if (/^[a-z0-9-]+$/.test(id)) {
    try {
      const markdown = readFileSync(checkDocPath(id), 'utf8');
      doc = { markdown, whatItDoes: section(markdown, 'What it does') };
    } catch {
      doc = undefined;
    }
  }
  cache.set(id, doc);
  return doc;
}
