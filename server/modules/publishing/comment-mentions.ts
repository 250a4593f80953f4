/**
 * Mentions in post comments: `@Name` of a workspace member (as the composer's picker inserts it),
 * matched case-insensitively and longest name first, so "@Anna Maria Schulz" is not taken for
 * "@Anna Maria". Pure; the comment service adds explicitly chosen ids and notifies.
 */
export interface Mentionable {
  userId: string;
  name: string;
}

const boundary = /[\p{L}\p{N}_-]/u;

/** Ids of members named with `@` in `body`, in order of first mention, each once. */
export function parseMentions(body: string, members: readonly Mentionable[]): string[] {
  const byLength = [...members].filter((m) => m.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLocaleLowerCase('de');
  const found: { at: number; userId: string }[] = [];
  const taken: [number, number][] = [];
  for (const m of byLength) {
    const needle = `@${m.name.trim().toLocaleLowerCase('de')}`;
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      const before = i === 0 ? '' : lower[i - 1]!;
      if ((before && boundary.test(before)) || (end < lower.length && boundary.test(lower[end]!))) continue;
      if (taken.some(([a, b]) => i < b && end > a)) continue;
      taken.push([i, end]);
      found.push({ at: i, userId: m.userId });
    }
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.userId))];
}
