import type { Rng } from './prng';
import type { Prose } from './text';
import type { Epic, Iteration, LocalEdit, Prd, Release, Spot } from './workspaceModel';

/** The product model as written out: what the writer reads. */
export interface ProductModel {
  releases: Release[];
  epics: Epic[];
  prds: Prd[];
  iterations: Iteration[];
  goals: string[];
  personas: string[];
}

/** The files' lines, where each item's fields were written, and the spots the bench measures at. */
export interface WrittenSpecs {
  out: Map<string, string[]>;
  where: Map<string, Array<{ file: string; fields: Map<string, number> }>>;
  links: Spot[];
  definitions: Spot[];
  completions: Spot[];
  keys: Spot[];
  localEdits: LocalEdit[];
  items: number;
}

/**
 * Write the model as spec files (in memory, line by line), recording where
 * every item and field lands so the injected findings can be resolved to
 * lines. `used`: IDs an injection changes, which get no local edit. Draws
 * from `rng` and `prose` in a fixed order: the same seed writes the same files.
 */
export function writeSpecs(
  { releases, epics, prds, iterations, goals, personas }: ProductModel,
  rng: Rng,
  prose: Prose,
  used: ReadonlySet<string>,
): WrittenSpecs {
  const out = new Map<string, string[]>();
  /** (id → occurrences of [file, field → line]) so marks can be resolved. */
  const where = new Map<string, Array<{ file: string; fields: Map<string, number> }>>();
  const links: Spot[] = [];
  const definitions: Spot[] = [];
  const completions: Spot[] = [];
  const keys: Spot[] = [];
  const localEdits: LocalEdit[] = [];
  let items = 0;

  class Doc {
    readonly lines: string[] = [];
    constructor(readonly file: string) {
      out.set(file, this.lines);
    }
    line(s: string): number {
      this.lines.push(s);
      return this.lines.length - 1;
    }
    /** Start recording the fields of an item. */
    item(id: string): Map<string, number> {
      items++;
      const fields = new Map<string, number>();
      let list = where.get(id);
      if (!list) where.set(id, (list = []));
      list.push({ file: this.file, fields });
      return fields;
    }
    /** `indent key: [A, B]` with each ID's position recorded as a link. */
    flow(indent: string, key: string, ids: readonly string[], record = true): number {
      let s = `${indent}${key}: [`;
      const line = this.lines.length;
      ids.forEach((id, i) => {
        if (i) s += ', ';
        if (record) links.push({ file: this.file, line, character: s.length + 1, id });
        s += id;
      });
      return this.line(s + ']');
    }
    /** `indent key: ID` recorded as a link. */
    scalarLink(indent: string, key: string, id: string): number {
      const s = `${indent}${key}: `;
      links.push({ file: this.file, line: this.lines.length, character: s.length + 1, id });
      return this.line(s + id);
    }
    folded(indent: string, key: string, lines: string[]): number {
      const at = this.line(`${indent}${key}: >-`);
      for (const l of lines) this.line(`${indent}  ${l}`);
      return at;
    }
  }

  // vision
  {
    const d = new Doc('product.vision.yaml');
    d.line(
      '# Freightline: product vision. Goals and personas are linked by ID from the rest of the workspace.',
    );
    d.line('kind: vision');
    d.item('V-FREIGHT').set('id', d.line('id: V-FREIGHT'));
    d.line('product: Freightline');
    d.folded('', 'statement', prose.paragraph());
    d.line('');
    d.line('goals:');
    for (const g of goals) {
      d.item(g).set('id', d.line(`  - id: ${g}`));
      d.line(`    title: ${prose.title()}`);
      d.line(`    metric: ${prose.metric()}`);
      d.line(`    baseline: ${rng.int(10, 60)}`);
      d.line(`    target: ${rng.int(61, 95)}`);
      d.line(`    by: ${releases[releases.length - 1].end}`);
    }
    d.line('');
    d.line('personas:');
    for (const p of personas) {
      d.item(p).set('id', d.line(`  - id: ${p}`));
      d.line(`    name: ${prose.owner()}, the ${prose.role()}`);
      d.folded('    ', 'description', prose.paragraph());
      d.line('    needs:');
      for (let k = rng.int(2, 3); k > 0; k--) d.line(`      - ${prose.need()}`);
    }
    d.line('');
    d.line('non_goals:');
    d.line('  - Running our own fleet of trucks');
    d.line('  - Consumer parcel delivery');
    d.line('x-owner-team: Product, Platform');
  }

  // roadmap
  {
    const d = new Doc('product.roadmap.yaml');
    d.line('# Freightline roadmap. Releases are listed earliest first; epics name their release.');
    d.line('kind: roadmap');
    d.item('RM-FREIGHT').set('id', d.line('id: RM-FREIGHT'));
    d.line('title: Freightline roadmap');
    d.line('');
    d.line('releases:');
    for (const r of releases) {
      const f = d.item(r.id);
      f.set('id', d.line(`  - id: ${r.id}`));
      d.line(`    title: ${r.title}`);
      d.line(`    horizon: ${r.horizon}`);
      d.line(`    start: ${r.start}`);
      d.line(`    end: ${r.end}`);
      d.line(`    status: ${r.status}`);
      d.flow('    ', 'goals', r.goals);
      d.line('');
    }
  }

  // epics
  for (const e of epics) {
    const d = new Doc(e.file);
    if (rng.chance(0.5)) d.line(`kind: epic`);
    const f = d.item(e.id);
    f.set('id', d.line(`id: ${e.id}`));
    keys.push({ file: e.file, line: d.lines.length, character: 2 });
    d.line(`title: ${prose.title()}`);
    d.line(`status: ${e.status}`);
    d.line(`priority: ${e.priority}`);
    d.line(`owner: ${prose.owner()}`);
    d.scalarLink('', 'release', e.release.id);
    d.flow('', 'goals', e.goals);
    d.folded('', 'summary', prose.paragraph());
    d.folded('', 'problem', prose.paragraph());
    d.line(`outcome: ${prose.sentence()}`);
    if (e.deps.length)
      f.set(
        'depends_on',
        d.flow(
          '',
          'depends_on',
          e.deps.map(x => x.id),
        ),
      );
    if (rng.chance(0.6)) {
      d.line('rice:');
      d.line(`  reach: ${rng.int(100, 50000)}`);
      d.line(`  impact: ${rng.pick([0.25, 0.5, 1, 2, 3])}`);
      d.line(`  confidence: ${rng.pick([0.5, 0.8, 1])}`);
      d.line(`  effort: ${rng.int(1, 12)}`);
    }
    if (rng.chance(0.3)) d.flow('', 'related', [rng.pick(goals)]);
    d.line(`x-jira-epic: FRT-${100 + e.index}`);
  }

  // PRDs
  const dupSeen = new Map<string, number>();
  for (const p of prds) {
    const d = new Doc(p.file);
    const f0 = d.item(p.id);
    if (p.kindOverride) f0.set('kind', d.line(`kind: ${p.kindOverride}`));
    else if (rng.chance(0.5)) d.line('kind: prd');
    f0.set('id', d.line(`id: ${p.id}`));
    d.line(`title: ${prose.title()}`);
    f0.set('status', d.line(`status: ${p.status}`));
    d.line(`owner: ${prose.owner()}`);
    d.scalarLink('', 'epic', p.epic.id);
    d.flow('', 'personas', p.personas);
    d.flow('', 'goals', p.goals);
    d.folded('', 'problem', prose.paragraph());
    d.line('non_goals:');
    d.line(`  - ${prose.need()}`);
    if (rng.chance(0.5)) {
      d.line('open_questions:');
      d.line(`  - Do we need ${prose.want().slice(3)} in the first release?`);
    }
    d.line('');
    d.line('requirements:');
    for (const r of p.reqs) {
      const occurrence = dupSeen.get(r.id) ?? 0;
      dupSeen.set(r.id, occurrence + 1);
      const f = d.item(r.id);
      const idLine = d.line(`  - id: ${r.id}`);
      f.set('id', idLine);
      f.set('-', idLine);
      definitions.push({ file: p.file, line: idLine, character: 9, id: r.id });
      d.line(`    title: ${prose.title()}`);
      if (!r.noStatement) d.line(`    statement: ${prose.statement()}`);
      const pl = d.line(`    priority: ${r.priority}`);
      f.set('priority', pl);
      keys.push({ file: p.file, line: pl, character: 6 });
      completions.push({ file: p.file, line: pl, character: 14 });
      if (!r.duplicateOf && !used.has(r.id) && r.priority !== 'urgent' && !p.kindOverride) {
        localEdits.push({
          file: p.file,
          line: pl,
          character: 14,
          original: String(r.priority),
          invalid: `${r.priority}-ish`,
        });
      }
      f.set('status', d.line(`    status: ${r.status}`));
      if (r.hasAC) {
        d.line('    acceptance_criteria:');
        for (let k = rng.int(2, 4); k > 0; k--) d.line(`      - ${prose.criterion()}`);
      }
      if (r.deps.length)
        f.set(
          'depends_on',
          d.flow(
            '    ',
            'depends_on',
            r.deps.map(x => x.id),
          ),
        );
      if (rng.chance(0.4)) d.line(`    rationale: ${prose.sentence()}`);
      d.line('');
    }
  }

  // iterations
  for (const it of iterations) {
    const d = new Doc(it.file);
    if (rng.chance(0.5)) d.line('kind: stories');
    const f0 = d.item(it.id);
    f0.set('id', d.line(`id: ${it.id}`));
    d.line(`title: Iteration ${it.index + 1} of ${it.release.id}`);
    d.scalarLink('', 'release', it.release.id);
    d.line(`start: ${it.start}`);
    f0.set('end', d.line(`end: ${it.end}`));
    d.line(`status: ${it.status}`);
    d.line('');
    d.line('stories:');
    for (const s of it.stories) {
      const f = d.item(s.id);
      f.set('id', d.line(`  - id: ${s.id}`));
      d.line(`    title: ${prose.title()}`);
      d.scalarLink('    ', 'as_a', s.persona);
      d.line(`    i_want: ${prose.want()}`);
      d.line(`    so_that: ${prose.benefit()}`);
      const impl = d.flow('    ', 'implements', [s.req.id, ...s.extraImplements]);
      f.set('implements', impl);
      completions.push({ file: it.file, line: impl, character: 17 });
      d.line(`    status: ${s.status}`);
      const el = d.line(`    ${s.estimateKey}: ${s.estimate}`);
      f.set(s.estimateKey, el);
      if (s.deps.length)
        d.flow(
          '    ',
          'depends_on',
          s.deps.map(x => x.id),
        );
      if (s.hasAC) {
        d.line('    acceptance_criteria:');
        if (rng.chance(0.5)) {
          d.line(`      - given: ${prose.given()}`);
          d.line(`        when: ${prose.when()}`);
          d.line(`        then: ${prose.then()}`);
        } else {
          for (let k = rng.int(1, 3); k > 0; k--) d.line(`      - ${prose.criterion()}`);
        }
      }
      if (rng.chance(0.2)) d.line(`    x-jira: FRT-${1000 + s.index}`);
      d.line('');
    }
  }

  return { out, where, links, definitions, completions, keys, localEdits, items };
}
