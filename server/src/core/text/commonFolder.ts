/**
 * The deepest folder that holds every one of `paths`: the longest run of
 * leading `sep`-separated segments they all share, joined by `sep` (paths
 * first lose trailing separators). Pure string work, for file-system paths
 * (the CLI passes its platform's separator) and URIs alike.
 *
 * Undefined when they share fewer than `minSegments` segments (two drives;
 * URIs of different schemes or authorities, which share fewer than 3:
 * `scheme:`, '' and the authority). A common folder that is a file-system
 * root (`''` from `/a` and `/b`, or a drive `C:`) keeps its separator.
 */
export function commonFolder(paths: readonly string[], sep = '/', minSegments = 1): string | undefined {
  if (!paths.length) return undefined;
  const split = (p: string): string[] => trimEnd(p, sep).split(sep);
  let common = split(paths[0]);
  for (const p of paths.slice(1)) {
    const parts = split(p);
    let n = 0;
    while (n < common.length && n < parts.length && common[n] === parts[n]) n++;
    common = common.slice(0, n);
  }
  if (common.length < Math.max(1, minSegments)) return undefined;
  const joined = common.join(sep);
  return joined === '' || /^[A-Za-z]:$/.test(joined) ? joined + sep : joined;
}

function trimEnd(p: string, sep: string): string {
  let end = p.length;
  while (end > 0 && p.endsWith(sep, end)) end -= sep.length;
  return p.slice(0, end);
}
