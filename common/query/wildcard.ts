/**
 * Wildcard patterns over folded tokens: `*` matches any run of characters within one token,
 * `?` exactly one character. Matching is iterative (no regular expressions), so a pattern
 * such as `*a*a*a*` cannot cause catastrophic backtracking.
 */

const STAR = 42; // '*'
const QUESTION = 63; // '?'

/** True if the folded token `s` matches the folded `pattern`. O(|pattern|·|s|) worst case. */
export function globMatch(pattern: string, s: string): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  const pn = pattern.length;
  const sn = s.length;
  while (i < sn) {
    const pc = p < pn ? pattern.charCodeAt(p) : -1;
    if (pc === STAR) {
      starP = p++;
      starI = i;
    } else if (pc === QUESTION || pc === s.charCodeAt(i)) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else {
      return false;
    }
  }
  while (p < pn && pattern.charCodeAt(p) === STAR) p++;
  return p === pn;
}

/** Number of literal (non-wildcard) code points in a pattern. */
export function literalCount(pattern: string): number {
  let n = 0;
  for (const ch of pattern) if (ch !== '*' && ch !== '?') n++;
  return n;
}

/** The literal runs of a pattern, e.g. `*regier?ng` → [`regier`, `ng`]. */
export function literalRuns(pattern: string): string[] {
  return pattern.split(/[*?]+/).filter((r) => r !== '');
}
