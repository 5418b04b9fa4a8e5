// Wording shared by the SPF checks: records and terms come from DNS, so they are quoted, escaped
// (JSON string rules) and capped before they reach a finding.

import { flatten, type SpfFacts, type SpfNode } from './tree.js';
import type { SpfTerm } from './parse.js';

const MAX_QUOTED = 80;

/** A term or record as a finding quotes it: JSON-escaped, at most MAX_QUOTED characters. */
export function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text);
}

/** "the SPF record of x" and, below the audited domain, the chain of terms that reaches it. */
export function recordName(facts: SpfFacts, node: SpfNode): string {
  if (node === facts.root) return `the SPF record of ${facts.domain}`;
  return `the SPF record of ${node.domain} (${pathTo(facts.root, node)?.join(' → ') ?? node.domain})`;
}

/** The terms leading from the root to `node` ("example.com include:a.example → include:b.example"). */
function pathTo(root: SpfNode, node: SpfNode): string[] | undefined {
  if (root === node) return [root.domain];
  for (const child of root.children) {
    const below = pathTo(child, node);
    if (below) return [`${root.domain} ${child.via?.text ?? ''}`.trim(), ...below.slice(1)];
  }
  return undefined;
}

/** Where a term sits: "term "ip4:…" (column 12 of the SPF record of x)". Columns are 1-based. */
export function termAt(facts: SpfFacts, node: SpfNode, term: Pick<SpfTerm, 'text' | 'offset'>): string {
  return `term ${quote(term.text)} (column ${term.offset + 1} of ${recordName(facts, node)})`;
}

/** Every record of the tree that was parsed, with its node. */
export function parsedNodes(facts: SpfFacts): SpfNode[] {
  return flatten(facts.root).filter((node) => node.parsed !== undefined);
}
