import { readFile } from 'node:fs/promises';
import { allChecks } from '../../../checks/index.js';
import { checkDocPath } from '../../engine/docs.js';
import { INPUT_FINDING_DESCRIPTIONS } from '../../engine/input-findings.js';
import { PROFILE_SEVERITIES } from '../../engine/rules.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';

/** `maillint rules`: every check with its target, default severity and title; `rules <id>`: its doc page. */
export async function runRules(args: { id?: string | undefined; format: string }, io: CliIo): Promise<number> {
  if (args.id) {
    const check = allChecks.find((candidate) => candidate.id === args.id);
    const inputFinding = INPUT_FINDING_DESCRIPTIONS[args.id];
    if (!check && inputFinding) {
      io.stdout(
        `# ${args.id}\n\n${inputFinding}. This is not a check: maillint reports it when it could not look at an input as a ` +
          `message at all (a file it cannot read, or binary data). It is always an error and no rule turns it off, ` +
          `because an input that was not checked must never look clean.\n`,
      );
      return EXIT_OK;
    }
    if (!check) throw new UsageError(`unknown check id "${args.id}" (see \`maillint rules\`)`);
    io.stdout(await readFile(checkDocPath(check.id), 'utf8'));
    return EXIT_OK;
  }
  const templateSeverities = PROFILE_SEVERITIES.template;
  if (args.format === 'json') {
    const listing = allChecks.map(({ id, title, target, defaultSeverity, prevents, references }) => ({
      id,
      title,
      target,
      defaultSeverity,
      ...(templateSeverities[id] ? { templateSeverity: templateSeverities[id] } : {}),
      prevents,
      references,
    }));
    io.stdout(`${JSON.stringify(listing, null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...allChecks.map((check) => check.id.length));
  for (const check of [...allChecks].sort((a, b) => a.target.localeCompare(b.target) || a.id.localeCompare(b.id))) {
    const profileNote = templateSeverities[check.id] ? `  (--profile template: ${templateSeverities[check.id]})` : '';
    io.stdout(`${check.id.padEnd(width)}  ${check.target.padEnd(7)}  ${check.defaultSeverity.padEnd(5)}  ${check.title}${profileNote}\n`);
  }
  return EXIT_OK;
}
