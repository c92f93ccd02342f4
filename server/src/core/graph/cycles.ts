import { DiagnosticCode } from '../codes';
import type { Finding, Item, Link } from '../types';
import type { WorkspaceIndex } from './workspaceIndex';

interface Edge { holder: Item; link: Link }

/** Longest cycle that is spelled out hop by hop in a message; larger ones are summarised. */
const spellOut = 24;
/** Related entries listed per finding, so a 100k-item cycle cannot flood the client. */
const maxRelated = 20;

/**
 * `dependency-cycle` findings for the whole workspace, by file. Cycles are a
 * property of the whole depends_on graph, so this runs over every edge (one
 * iterative Tarjan pass, linear in edges) — but only when some depends_on
 * edge changed.
 */
export function findCycles(index: WorkspaceIndex): Map<string, Finding[]> {
  const edges = new Map<string, Edge[]>();
  // Files in URI order, so messages and related information do not depend on
  // the order in which files were added or edited.
  const files = [...index.files.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const item of files.flatMap(f => f.items)) {
    for (const link of item.links) {
      if (link.field !== 'depends_on') continue;
      let list = edges.get(item.id);
      if (!list) edges.set(item.id, list = []);
      list.push({ holder: item, link });
    }
  }
  const components = stronglyConnected(edges);
  const byComp = new Map<number, string[]>();
  for (const [id, c] of components) {
    const m = byComp.get(c);
    if (m) m.push(id); else byComp.set(c, [id]);
  }
  for (const m of byComp.values()) m.sort();
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
        message: message(from, target, members, edges, components),
        related: relatedOf(members, edges, components, e),
        data: { id: from, dependsOn: target },
      };
      const uri = e.holder.uri;
      let fs = out.get(uri);
      if (!fs) out.set(uri, fs = []);
      fs.push(finding);
    }
  }
  return out;
}

function message(from: string, target: string, members: string[], edges: Map<string, Edge[]>, comps: Map<string, number>): string {
  if (from === target) return `${from} depends on itself`;
  if (members.length <= spellOut) {
    const path = pathBack(target, from, edges, comps);
    if (path) return `depends_on forms a cycle: ${[from, ...path].join(' → ')}`;
  }
  const shown = members.slice(0, 5).join(', ');
  return `depends_on forms a cycle: ${from} → ${target} leads back to ${from} (${members.length} items in the cycle: ${shown}, …)`;
}

/** Shortest path target → ... → from inside one component (breadth first). */
function pathBack(start: string, goal: string, edges: Map<string, Edge[]>, comps: Map<string, number>): string[] | undefined {
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
      if (!prev.has(next) && comps.get(next) === comp) { prev.set(next, node); queue.push(next); }
    }
  }
  return undefined;
}

function relatedOf(members: string[], edges: Map<string, Edge[]>, comps: Map<string, number>, self: Edge) {
  const related = [];
  const comp = comps.get(members[0]);
  for (const m of members) {
    if (related.length >= maxRelated) break;
    for (const e of edges.get(m) ?? []) {
      if (e === self || related.length >= maxRelated) continue;
      if (members.length > 1 && comps.get(e.link.target) !== comp) continue;
      if (members.length === 1 && e.link.target !== m) continue;
      related.push({ uri: e.holder.uri, range: e.link.range, message: `${m} depends on ${e.link.target}` });
    }
  }
  return related;
}

/**
 * Components with more than one node, as ID → component number; iterative
 * so a 100k-long chain cannot overflow the stack.
 */
function stronglyConnected(edges: Map<string, Edge[]>): Map<string, number> {
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Map<string, number>();
  let counter = 0;
  let compCount = 0;

  for (const root of edges.keys()) {
    if (indexOf.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    indexOf.set(root, counter); low.set(root, counter); counter++;
    stack.push(root); onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const out = edges.get(frame.node) ?? [];
      if (frame.i < out.length) {
        const next = out[frame.i++].link.target;
        if (!indexOf.has(next)) {
          indexOf.set(next, counter); low.set(next, counter); counter++;
          stack.push(next); onStack.add(next);
          work.push({ node: next, i: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, indexOf.get(next)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const comp: string[] = [];
        let n: string;
        do { n = stack.pop()!; onStack.delete(n); comp.push(n); } while (n !== frame.node);
        if (comp.length > 1) {
          for (const c of comp) result.set(c, compCount);
          compCount++;
        }
      }
    }
  }
  return result;
}
