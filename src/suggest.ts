// "Did you mean": the closest of a few known names (commands, check ids) to what was typed.
// Hand-written: a dozen lines of edit distance over short names is less than any dependency.

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short strings. */
function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)));
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(table[row - 1]![column]! + 1, table[row]![column - 1]! + 1, table[row - 1]![column - 1]! + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) best = Math.min(best, table[row - 2]![column - 2]! + 1);
      table[row]![column] = best;
    }
  }
  return table[rows - 1]![columns - 1]!;
}

/** The candidate within `maxDistance` edits of `typed` (the nearest; ties go to the first), if any. */
export function closestName(typed: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  if (typed.length > 64) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(typed.toLowerCase(), name);
    if (distance <= maxDistance && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
