import { clipMessage } from '../checks/check';
import { DiagnosticCode } from '../codes';
import type { Finding, Item, Link } from '../types';
import type { ReadonlyIndex } from './workspaceIndex';
import { compareIds } from '../text/compareIds';

interface Edge {
  holder: Item;
  link: Link;
}

/** Longest cycle that is spelled out hop by hop in a message; larger ones are summarised. */
const spellOut = 24;
/** Related entries listed per finding, so a 100k-item cycle cannot flood the client. */
const maxRelated = 20;

/**
 * `dependency-cycle` findings for the whole workspace, by file. Cycles are a
 * property of the whole depends_on graph, so this runs over every edge (one
 * iterative Tarjan pass, linear in edges) — but only when a changed edge can
 * change a cycle (`cyclesMayChange`).
 */
export function findCycles(index: ReadonlyIndex): Map<string, Finding[]> {
  const edges = new Map<string, Edge[]>();
  // Files in URI order, so messages and related information do not depend on
  // the order in which files were added or edited.
  const files = [...index.files.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const item of files.flatMap(f => f.items)) {
    for (const link of item.links) {
      if (link.field !== 'depends_on') continue;
      let list = edges.get(item.id);
      if (!list) edges.set(item.id, (list = []));
      list.push({ holder: item, link });
    }
  }
  const components = stronglyConnected(edges);
  const byComp = new Map<number, string[]>();
  for (const [id, c] of components) {
    const m = byComp.get(c);
    if (m) m.push(id);
    else byComp.set(c, [id]);
  }
  for (const m of byComp.values()) m.sort(compareIds);
  const out = new Map<string, Finding[]>();
  for (const [from, list] of edges) {
    for (const e of list) {
      const target = e.link.target;
      const comp = components.get(from);
      if (target !== from && (comp === undefined || comp !== components.get(target))) continue;
      const members = target === from ? [from] : byComp.get(comp!)!;
      const finding: Finding = {
        code: DiagnosticCode.dependencyCycle,
        range: e.link.range,
        message: clipMessage(message(from, target, members, edges, components)),
        related: relatedOf(members, edges, components, e),
        data: { id: from, dependsOn: target },
      };
      const uri = e.holder.uri;
      let fs = out.get(uri);
      if (!fs) out.set(uri, (fs = []));
      fs.push(finding);
    }
  }
  return out;
}

/** The IDs on a cycle (self-loops included) in findCycles' findings: the holders of the edges they report. */
export function idsOnCycles(found: ReadonlyMap<string, readonly Finding[]>): Set<string> {
  const ids = new Set<string>();
  for (const list of found.values()) for (const f of list) ids.add(f.data!.id as string);
  return ids;
}

/**
 * Whether changing the depends_on edges of the IDs in `changed` (added,
 * removed, moved or reordered) can change what findCycles finds, given the IDs
 * that were on a cycle before the change. It can only if a changed ID was on
 * a cycle, or is on one now: a cycle through none of them was a cycle before
 * and still is, with the same edges. A cycle through a changed ID lies within
 * what that ID reaches, so only that part of the graph is walked — an edit
 * that adds a dependency far from any cycle costs what it reaches, not a pass
 * over every edge of the workspace.
 */
export function cyclesMayChange(
  index: ReadonlyIndex,
  changed: ReadonlySet<string>,
  onCycle: ReadonlySet<string>,
): boolean {
  for (const id of changed) if (onCycle.has(id)) return true;
  const edges = new Map<string, Edge[]>();
  const seen = new Set<string>(changed);
  const queue = [...changed];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    const list: Edge[] = [];
    for (const holder of index.definitions(id)) {
      for (const link of holder.links) {
        if (link.field !== 'depends_on') continue;
        list.push({ holder, link });
        if (!seen.has(link.target)) {
          seen.add(link.target);
          queue.push(link.target);
        }
      }
    }
    if (list.length) edges.set(id, list);
  }
  const components = stronglyConnected(edges);
  for (const id of changed) {
    if (components.has(id) || edges.get(id)?.some(e => e.link.target === id)) return true;
  }
  return false;
}

function message(
  from: string,
  target: string,
  members: string[],
  edges: Map<string, Edge[]>,
  comps: Map<string, number>,
): string {
  if (from === target) return `${from} depends on itself`;
  if (members.length <= spellOut) {
    const path = pathBack(target, from, edges, comps);
    if (path) return `depends_on forms a cycle: ${[from, ...path].join(' → ')}`;
  }
  return `depends_on forms a cycle: ${from} → ${target} leads back to ${from} (${summary(members)})`;
}

/** "N items in the cycle: A, B, C, D, E, …", once per component (a 100,000-item cycle has 100,000 findings). */
const summaries = new WeakMap<string[], string>();
function summary(members: string[]): string {
  let s = summaries.get(members);
  if (s === undefined)
    summaries.set(
      members,
      (s = `${members.length} items in the cycle: ${members.slice(0, 5).join(', ')}, …`),
    );
  return s;
}

/** Shortest path target → ... → from inside one component (breadth first). */
function pathBack(
  start: string,
  goal: string,
  edges: Map<string, Edge[]>,
  comps: Map<string, number>,
): string[] | undefined {
  const comp = comps.get(start);
  const prev = new Map<string, string>([[start, '']]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    if (node === goal) {
      const path = [node];
      for (let p = prev.get(node)!; p !== ''; p = prev.get(p)!) path.push(p);
      return path.reverse();
    }
    for (const e of edges.get(node) ?? []) {
      const next = e.link.target;
      if (!prev.has(next) && comps.get(next) === comp) {
        prev.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}

function relatedOf(members: string[], edges: Map<string, Edge[]>, comps: Map<string, number>, self: Edge) {
  if (members.length > spellOut) return nextHops(self, edges, comps);
  const related = [];
  const comp = comps.get(members[0]);
  for (const m of members) {
    if (related.length >= maxRelated) break;
    for (const e of edges.get(m) ?? []) {
      if (e === self || related.length >= maxRelated) continue;
      if (members.length > 1 && comps.get(e.link.target) !== comp) continue;
      if (members.length === 1 && e.link.target !== m) continue;
      related.push({
        uri: e.holder.uri,
        range: e.link.range,
        message: clipMessage(`${m} depends on ${e.link.target}`),
      });
    }
  }
  return related;
}

/** Hops listed after a finding on a cycle too long to spell out. */
const largeCycleHops = 3;

/**
 * For a cycle too long to spell out: the next few depends_on entries that
 * continue it from the target (first edge that stays in the cycle, each
 * step), so 100,000 findings carry 3 entries each rather than 20.
 */
function nextHops(self: Edge, edges: Map<string, Edge[]>, comps: Map<string, number>) {
  const related = [];
  const comp = comps.get(self.holder.id);
  const seen = [self.holder.id];
  let at = self.link.target;
  while (related.length < largeCycleHops && !seen.includes(at)) {
    seen.push(at);
    const next = (edges.get(at) ?? []).find(e => comps.get(e.link.target) === comp);
    if (!next) break;
    related.push({
      uri: next.holder.uri,
      range: next.link.range,
      message: clipMessage(`${at} depends on ${next.link.target}`),
    });
    at = next.link.target;
  }
  return related;
}

/**
 * Components with more than one node, as ID → component number. Iterative
 * (a 100k-long chain cannot overflow the stack) and over integer indices and
 * typed arrays: a 100,000-node cycle takes tens of milliseconds.
 */
function stronglyConnected(edges: Map<string, Edge[]>): Map<string, number> {
  // Only IDs that hold depends_on links can be on a cycle: number them, in order.
  const names = [...edges.keys()];
  const number = new Map<string, number>();
  names.forEach((id, i) => number.set(id, i));
  const n = names.length;
  const offsets = new Int32Array(n + 1);
  const targets: number[] = [];
  for (let v = 0; v < n; v++) {
    for (const e of edges.get(names[v])!) {
      const w = number.get(e.link.target);
      if (w !== undefined) targets.push(w);
    }
    offsets[v + 1] = targets.length;
  }
  const adjacent = Int32Array.from(targets);

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callPos = new Int32Array(n);
  const result = new Map<string, number>();
  let sp = 0,
    counter = 0,
    compCount = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    const enter = (v: number): void => {
      index[v] = low[v] = counter++;
      stack[sp++] = v;
      onStack[v] = 1;
      callNode[depth] = v;
      callPos[depth] = offsets[v];
      depth++;
    };
    enter(root);
    while (depth > 0) {
      const v = callNode[depth - 1];
      const p = callPos[depth - 1];
      if (p < offsets[v + 1]) {
        callPos[depth - 1] = p + 1;
        const w = adjacent[p];
        if (index[w] === -1) enter(w);
        else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      depth--;
      if (depth > 0) {
        const u = callNode[depth - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
      if (low[v] === index[v]) {
        let size = 0;
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          size++;
        } while (w !== v);
        if (size > 1) {
          for (let i = sp; i < sp + size; i++) result.set(names[stack[i]], compCount);
          compCount++;
        }
      }
    }
  }
  return result;
}
