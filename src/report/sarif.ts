// SARIF 2.1.0, shaped for GitHub code scanning (github/codeql-action/upload-sarif):
// - one rule per check id that appears, with the check's title, its doc page inlined as help
//   (GitHub shows help.markdown beside each alert), and helpUri when the docs have a public URL;
// - a message finding points at its file and line; a domain, IP or stdin finding has no file of its
//   own, so it is placed at line 1 of the run's anchor file (the zone file, else the config file the
//   run read: GitHub wants a physical location) with the domain or IP named in a logicalLocation and
//   in the message text. A run that read neither names no file: a made-up one (the config file's
//   default name) would point code scanning at a file that may not exist;
// - URIs are relative to the working folder with uriBaseId %SRCROOT% (no absolute paths, so the
//   report is the same on every machine);
// - partialFingerprints carry a hash of check id, target, message and occurrence: stable while
//   lines move, distinct for identical findings in one file;
// - a fix's sentence ("add …") goes in the message and in properties.fix; a fix as data (edits) and
//   each suggestion is a SARIF `fix` (3.55) whose replacements use byteOffset/byteLength regions of
//   the unmodified file (3.57.3: every deletedRegion refers to the original) and insert both text and
//   base64 `binary` (3.3: the exact octets). The fix applied by --fix is the first, marked
//   properties.safe; suggestions are never applied. Only a file has fixes: there is nothing to edit
//   for stdin or a domain.
// Columns are counted in bytes of the line (they equal characters for the ASCII header lines
// findings point at).

import { INPUT_FINDINGS } from '../engine/input-findings.js';
import { createHash } from 'node:crypto';
import type * as Sarif from './sarif-types.js';
import { allChecks } from '../../checks/index.js';
import type { Check, FixEdit, ReportedFinding, ReportedSeverity, Severity, TargetResult } from '../types.js';
import { checkDoc } from './check-docs.js';
import { stringifyJsonSafely } from './escape.js';
import { checkTargetOf, filePathOf, pathToUriReference, withTargetNamed } from './locate.js';
import { packageInfo } from './package-info.js';
import type { Formatter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** partialFingerprints key; bump the version if what is hashed ever changes. */
export const FINGERPRINT_KEY = 'maillintFindingHash/v1';

const LEVELS: Record<Severity, Sarif.Level> = { error: 'error', warn: 'warning', info: 'note', off: 'none' };

function resultLevel(severity: ReportedSeverity): Sarif.Level {
  return LEVELS[severity];
}

function ruleDescriptor(id: string, check: Check | undefined, docsBaseUrl: string | undefined): Sarif.ReportingDescriptor {
  if (!check) {
    // Not a check (input-unreadable, input-binary, input-skipped): the run did not look at the input as a message.
    return {
      id,
      shortDescription: { text: INPUT_FINDINGS[id]?.title ?? id },
      defaultConfiguration: { level: LEVELS[INPUT_FINDINGS[id]?.severity ?? 'error'] },
    };
  }
  const doc = checkDoc(id);
  const descriptor: Sarif.ReportingDescriptor = {
    id,
    name: id.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: check.title },
    fullDescription: { text: doc?.whatItDoes || check.title },
    defaultConfiguration: { level: LEVELS[check.defaultSeverity] },
    properties: { tags: ['maillint', check.target], prevents: check.prevents },
  };
  if (doc) descriptor.help = { text: doc.markdown, markdown: doc.markdown };
  if (docsBaseUrl) descriptor.helpUri = `${docsBaseUrl}${id}.md`;
  return descriptor;
}

function fingerprint(checkId: string, target: string, message: string, occurrence: number): string {
  return createHash('sha256').update(`${checkId}\u0000${target}\u0000${message}\u0000${occurrence}`).digest('hex').slice(0, 32);
}

function artifactChange(file: string, edits: readonly FixEdit[]): Sarif.ArtifactChange {
  return {
    artifactLocation: { uri: pathToUriReference(file), uriBaseId: SRCROOT },
    replacements: edits.map(({ range: [start, end], text }) => ({
      deletedRegion: { byteOffset: start, byteLength: end - start },
      insertedContent: { text, binary: Buffer.from(text, 'utf8').toString('base64') },
    })),
  };
}

function fixesOf(finding: ReportedFinding, file: string): Sarif.Fix[] {
  const fixes: Sarif.Fix[] = [];
  if (finding.edits && finding.edits.length > 0) {
    fixes.push({ description: { text: finding.fix ?? 'maillint --fix' }, artifactChanges: [artifactChange(file, finding.edits)], properties: { safe: true } });
  }
  for (const suggestion of finding.suggestions ?? []) {
    fixes.push({ description: { text: suggestion.message }, artifactChanges: [artifactChange(file, suggestion.edits)], properties: { safe: false } });
  }
  return fixes;
}

function location(result: TargetResult, finding: ReportedFinding, cwd: string, anchorFile: string | undefined): Sarif.Location {
  const file = filePathOf(result, finding, cwd);
  if (file !== undefined) {
    const physical: Sarif.PhysicalLocation = { artifactLocation: { uri: pathToUriReference(file), uriBaseId: SRCROOT } };
    if (finding.line !== undefined && finding.line >= 1) {
      physical.region = { startLine: finding.line };
      if (finding.column !== undefined && finding.column >= 1) physical.region.startColumn = finding.column;
    }
    return { physicalLocation: physical };
  }
  const kind = result.kind ?? (result.target === '-' ? 'stdin' : checkTargetOf(finding.check));
  const logical: Sarif.Location = { logicalLocations: [{ name: result.target, fullyQualifiedName: result.target, kind }] };
  // Only a file the run really read (its zone or config file) anchors it: never a name that may not exist.
  if (anchorFile === undefined) return logical;
  return { physicalLocation: { artifactLocation: { uri: pathToUriReference(anchorFile), uriBaseId: SRCROOT }, region: { startLine: 1 } }, ...logical };
}

export function buildSarifLog(results: readonly TargetResult[], context: Parameters<Formatter>[1]): Sarif.Log {
  const info = packageInfo();
  const docsBaseUrl = context.docsBaseUrl ?? info.docsBaseUrl;
  const { anchorFile } = context;
  const checksById = new Map(allChecks.map((check) => [check.id, check]));

  const ruleIds = [...new Set(results.flatMap((result) => result.findings.map((finding) => finding.check)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rules = ruleIds.map((id) => ruleDescriptor(id, checksById.get(id), docsBaseUrl));

  const sarifResults: Sarif.Result[] = [];
  for (const result of results) {
    const occurrences = new Map<string, number>();
    for (const finding of result.findings) {
      const key = `${finding.check}\u0000${finding.message}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      const file = filePathOf(result, finding, context.cwd);
      const located = file !== undefined;
      let text = located ? finding.message : withTargetNamed(result, finding.message);
      if (finding.fix) text += `\nFix: ${finding.fix}`;
      const sarifResult: Sarif.Result = {
        ruleId: finding.check,
        ruleIndex: ruleIndex.get(finding.check)!,
        level: resultLevel(finding.severity),
        message: { text },
        locations: [location(result, finding, context.cwd, anchorFile)],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding.check, result.target, finding.message, occurrence) },
      };
      if (finding.fix) sarifResult.properties = { fix: finding.fix };
      const fixes = file === undefined ? [] : fixesOf(finding, file);
      if (fixes.length > 0) sarifResult.fixes = fixes;
      sarifResults.push(sarifResult);
    }
  }

  const driver: Sarif.ToolComponent = { name: 'maillint', version: info.version, semanticVersion: info.version, rules };
  if (info.homepage) driver.informationUri = info.homepage;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver }, results: sarifResults }],
  };
}

export const formatSarif: Formatter = (results, context) => `${stringifyJsonSafely(buildSarifLog(results, context), 2)}\n`;
