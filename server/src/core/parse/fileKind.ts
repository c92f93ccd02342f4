import type { DocKind } from '../types';

const suffix = /\.(vision|roadmap|epic|prd|stories)\.ya?ml$/i;

/** The document kind a file name declares, or undefined for any other file. */
export function fileKind(uriOrPath: string): DocKind | undefined {
  const m = suffix.exec(uriOrPath);
  return m ? (m[1].toLowerCase() as DocKind) : undefined;
}

/** The item kind defined at the top level of each document kind. */
export const topItemKind = {
  vision: 'vision',
  roadmap: 'roadmap',
  epic: 'epic',
  prd: 'prd',
  stories: 'iteration',
} as const;
