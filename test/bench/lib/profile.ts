// Where a short CLI run spends its time: a CPU profile of one run, self time summed per source
// (each file of ours, each npm package, node's internals), and the cost of importing each npm
// package on its own. Used when one-file linting is slower than its target, to show what to lazy-load.

import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { median, timeProcess } from './measure.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function sourceGroup(url: string, functionName: string, root: string): string {
  if (url === '') return functionName || '(anonymous)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (inModules) return `npm ${inModules[1]}`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}

/** Self time per source for one run of `node <args>`, largest first. */
export function profileRun(nodeArgs: readonly string[], root: string, workFolder: string): { group: string; ms: number }[] {
  const folder = join(workFolder, 'cpu-profile');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  timeProcess(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', folder, ...nodeArgs], { cwd: root });
  const file = readdirSync(folder).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile;
  rmSync(folder, { recursive: true, force: true });
  const groupOf = new Map(profile.nodes.map((node) => [node.id, sourceGroup(node.callFrame.url, node.callFrame.functionName, root)]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const group = groupOf.get(id) ?? '?';
    totals.set(group, (totals.get(group) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals].map(([group, ms]) => ({ group, ms })).sort((a, b) => b.ms - a.ms);
}

/** Extra wall time of `import('<pkg>')` in a fresh process over an empty ESM script (median of `runs`). */
export function importCost(packageName: string, root: string, runs: number): number {
  const baseline: number[] = [];
  const withImport: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    baseline.push(timeProcess(process.execPath, ['--input-type=module', '-e', ''], { cwd: root }).wallMs);
    withImport.push(timeProcess(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(packageName)})`], { cwd: root }).wallMs);
  }
  return median(withImport) - median(baseline);
}
