import { readFile } from 'node:fs/promises';
import { allChecks } from '../../../checks/index.js';
import { checkDocPath } from '../../engine/docs.js';
import { INPUT_FINDING_DESCRIPTIONS, INPUT_FINDING_SEVERITIES, INPUT_SKIPPED } from '../../engine/input-findings.js';
import { PROFILE_SEVERITIES } from '../../engine/rules.js';
import type { Check } from '../../types.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { closestName } from '../suggest.js';

const templateSeverities = PROFILE_SEVERITIES.template;

/** A check's metadata as `rules --format json` prints it. */
function describe({ id, title, target, defaultSeverity, prevents, references, options }: Check): Record<string, unknown> {
  return {
    id,
    title,
    target,
    defaultSeverity,
    ...(templateSeverities[id] ? { templateSeverity: templateSeverities[id] } : {}),
    prevents,
    references,
    ...(options ? { options } : {}),
  };
}

/** `maillint rules`: every check with its target, default severity and title; `rules <id>`: its doc page. */
export async function runRules(args: { id?: string | undefined; format: string }, io: CliIo): Promise<number> {
  if (args.format !== 'stylish' && args.format !== 'json') {
    throw new UsageError(`the rules command prints text or JSON: --format stylish or --format json, not ${args.format}`);
  }
  if (args.id) {
    const check = allChecks.find((candidate) => candidate.id === args.id);
    const inputFinding = INPUT_FINDING_DESCRIPTIONS[args.id];
    if (!check && inputFinding) {
      if (args.format === 'json') {
        const defaultSeverity = INPUT_FINDING_SEVERITIES[args.id] ?? 'error';
        io.stdout(`${JSON.stringify({ id: args.id, title: inputFinding, target: 'input', defaultSeverity }, null, 2)}\n`);
        return EXIT_OK;
      }
      if (args.id === INPUT_SKIPPED) {
        io.stdout(
          `# ${args.id}\n\n${inputFinding}. This is not a check: a folder walk does not follow a symbolic link (to a file ` +
            `or a folder) whose target lies outside the folder it was given, since such a link could put any file on the ` +
            `machine (credentials, say) in the report; it reports the link with this warning instead. To lint what it ` +
            `points at, name it on the command line. No rule turns it off, because an input that was not checked must ` +
            `never look clean.\n`,
        );
        return EXIT_OK;
      }
      io.stdout(
        `# ${args.id}\n\n${inputFinding}. This is not a check: maillint reports it when it could not look at an input as a ` +
          `message at all (a file it cannot read, or binary data). It is always an error and no rule turns it off, ` +
          `because an input that was not checked must never look clean.\n`,
      );
      return EXIT_OK;
    }
    if (!check) {
      const guess = closestName(args.id, [...allChecks.map((candidate) => candidate.id), ...Object.keys(INPUT_FINDING_DESCRIPTIONS)]);
      throw new UsageError(`unknown check id "${args.id}"${guess ? `; did you mean ${guess}?` : ''} (see \`maillint rules\`)`);
    }
    const page = await readFile(checkDocPath(check.id), 'utf8');
    io.stdout(args.format === 'json' ? `${JSON.stringify({ ...describe(check), documentation: page }, null, 2)}\n` : page);
    return EXIT_OK;
  }
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify(allChecks.map(describe), null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...allChecks.map((check) => check.id.length));
  for (const check of [...allChecks].sort((a, b) => a.target.localeCompare(b.target) || a.id.localeCompare(b.id))) {
    const profileNote = templateSeverities[check.id] ? `  (--profile template: ${templateSeverities[check.id]})` : '';
    io.stdout(`${check.id.padEnd(width)}  ${check.target.padEnd(7)}  ${check.defaultSeverity.padEnd(5)}  ${check.title}${profileNote}\n`);
  }
  return EXIT_OK;
}
