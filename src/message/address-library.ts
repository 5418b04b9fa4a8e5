// The email-addresses library (the RFC 5322 grammar, with RFC 6532 UTF-8), loaded once, with what
// the other address modules need from it: a memo of its results, yes/no parses in strict and
// lenient mode, and positions in its AST (the library gives nodes and token text, not offsets).

import type EmailAddresses from 'email-addresses';
import { emailAddresses } from './email-addresses-package.js';

export { emailAddresses };

export type AstNode = EmailAddresses.ASTNode;
export type LibraryMailbox = EmailAddresses.ParsedMailbox;
export type LibraryGroup = EmailAddresses.ParsedGroup;

/** One element through the library (address-list.ts remembers the outcome per element). */
export function parseWithLibrary(text: string): EmailAddresses.ParsedResult | null {
  return emailAddresses({ input: text, startAt: 'address', rfc6532: true, simple: false });
}

export function strictlyParses(input: string): boolean {
  try {
    return emailAddresses({ input, startAt: 'address', rfc6532: true, strict: true }) !== null;
  } catch {
    return false;
  }
}

export function lenientlyParses(input: string): boolean {
  try {
    return emailAddresses({ input, startAt: 'address', rfc6532: true }) !== null;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The AST: where nodes start, and what they contain.

/** Start offset (within the element) of the AST nodes the results point at, by walking the tokens in order. */
export function nodeOffsets(root: AstNode, addresses: readonly (LibraryMailbox | LibraryGroup)[]): Map<AstNode, number> {
  const wanted = new Set<AstNode>();
  for (const address of addresses) {
    if (address.node) wanted.add(address.node);
    if (address.type === 'group') {
      for (const member of (address as LibraryGroup).addresses) addMailboxNodes(member, wanted);
    } else {
      addMailboxNodes(address as LibraryMailbox, wanted);
    }
  }
  const offsets = new Map<AstNode, number>();
  let offset = 0;
  // Iterative pre-order walk: a node's tokens are its children's tokens concatenated, so the
  // leaves in order spell the input and a node starts where its first leaf does.
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (wanted.has(node) && !offsets.has(node)) offsets.set(node, offset);
    const children = node.children.filter((child): child is AstNode => child !== null && child !== undefined);
    if (children.length === 0) {
      offset += node.tokens.length;
    } else {
      for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
    }
  }
  return offsets;
}

function addMailboxNodes(mailbox: LibraryMailbox, wanted: Set<AstNode>): void {
  if (mailbox.node) wanted.add(mailbox.node);
  wanted.add(mailbox.parts.address);
  wanted.add(mailbox.parts.local);
  wanted.add(mailbox.parts.domain);
  if (mailbox.parts.name) wanted.add(mailbox.parts.name);
}

/** Start of a node's first non-white-space character, within the element. */
export function startOf(node: AstNode | undefined | null, offsets: Map<AstNode, number>): number {
  if (!node) return 0;
  const start = offsets.get(node) ?? 0;
  return start + (node.tokens.length - node.tokens.trimStart().length);
}

export function containsObsolete(root: AstNode): boolean {
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.name.startsWith('obs-')) return true;
    for (const child of node.children) if (child) stack.push(child);
  }
  return false;
}

export function findNode(root: AstNode, name: string): AstNode | undefined {
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.name === name) return node;
    for (const child of node.children) if (child) stack.push(child);
  }
  return undefined;
}
