import * as assert from 'node:assert/strict';
import { hover } from '../../../server/src/core/features/hover';
import { LineMap } from '../../../server/src/core/parse/sourceText';
import { SpecService } from '../../../server/src/core/service';
import type { Position } from '../../../server/src/core/types';
import { lines, span } from '../helpers';

const VISION = 'file:///w/product.vision.yaml';
const ROADMAP = 'file:///w/product.roadmap.yaml';
const EPIC1 = 'file:///w/epics/checkout.epic.yaml';
const EPIC2 = 'file:///w/epics/tracking.epic.yaml';
const PRD1 = 'file:///w/prds/checkout.prd.yaml';
const PRD2 = 'file:///w/prds/tracking.prd.yaml';
const STORIES = 'file:///w/iterations/s1.stories.yaml';

const texts: Record<string, string> = {
  [VISION]: lines(
    'id: V-1',
    'product: Basket',
    'statement: Groceries, fast.',
    'goals:',
    '  - id: G-CONV',
    '    title: Checkout conversion',
    '  - id: G-ONTIME',
    '    title: On-time delivery',
    'personas:',
    '  - id: P-PARENT',
    '    name: Busy parent',
  ),
  [ROADMAP]: lines(
    'id: RM-1',
    'title: Basket roadmap',
    'releases:',
    '  - id: R-1',
    '    title: Checkout that converts',
    '    horizon: now',
    '    status: in-progress',
    '    goals: [G-CONV, G-ONTIME]',
    '  - id: R-2',
    '    title: Tracking',
    '    horizon: next',
  ),
  [EPIC1]: lines(
    'id: EPIC-1',
    'title: Express checkout',
    'status: in-progress',
    'priority: must',
    'owner: Lena Park',
    'release: R-1',
    'rice:',
    '  reach: 100',
    '  impact: 2',
    '  confidence: 0.5',
    '  effort: 8',
  ),
  [EPIC2]: lines('id: EPIC-2', 'title: Live tracking', 'release: R-1'),
  [PRD1]: lines(
    'id: PRD-1', // 0
    'title: Express checkout', // 1
    'epic: EPIC-1', // 2
    'requirements:', // 3
    '  - id: REQ-101', // 4
    '    title: Saved cards', // 5
    '    statement: Save a card.', // 6
    '    priority: must', // 7
    '    status: in-progress', // 8
    '    acceptance_criteria: [a]', // 9
    '  - id: REQ-102', // 10
    '    title: One page', // 11
    '    statement: One page.', // 12
    '    priority: should', // 13
    '    status: approved', // 14
    '    acceptance_criteria: [a]', // 15
    '  - id: REQ-103', // 16
    '    title: Wallet', // 17
    '    statement: Pay by wallet.', // 18
    '    priority: could', // 19
    '    depends_on: [REQ-10]', // 20
  ),
  [PRD2]: lines(
    'id: PRD-2',
    'title: Tracking',
    'epic: EPIC-2',
    'requirements:',
    '  - id: REQ-201',
    '    title: Map',
    '    statement: Show the van.',
    '    priority: must',
  ),
  [STORIES]: lines(
    'id: IT-1', // 0
    'title: Sprint 1', // 1
    'release: R-1', // 2
    'stories:', // 3
    '  - id: ST-1', // 4
    '    title: Save a card', // 5
    '    implements: [REQ-101, REQ-201]', // 6
    '    status: done', // 7
    '  - id: ST-2', // 8
    '    title: Pick a card', // 9
    '    implements:', // 10
    '      - REQ-101', // 11
    '    status: in-progress', // 12
    '    acceptance_criteria: [a]', // 13
    '  - id: ST-3', // 14
    '    title: Scan a card', // 15
    "    implements: ['REQ-101']", // 16
    '    status: cancelled', // 17
  ),
};

function workspace(files: Record<string, string> = texts): SpecService {
  const svc = new SpecService();
  for (const [uri, text] of Object.entries(files)) svc.openDocument(uri, text, 1);
  return svc;
}

function posOf(text: string, needle: string, delta = 0): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found`);
  return new LineMap(text).positionAt(at + delta);
}

function hoverAt(svc: SpecService, uri: string, needle: string, delta = 0, files = texts) {
  const h = hover(svc, uri, posOf(files[uri], needle, delta));
  return h && { range: span(h.range), value: h.contents.value, kind: h.contents.kind };
}

describe('features/hover', () => {
  const svc = workspace();

  describe('IDs', () => {
    it('a requirement: kind, title, facts, the chain up to the goals, its stories, its place', () => {
      assert.deepEqual(hoverAt(svc, STORIES, 'REQ-101', 3), {
        kind: 'markdown',
        range: [6, 17, 6, 24],
        value: [
          '**Requirement REQ-101** — Saved cards',
          'status `in-progress` · priority `must`',
          'Upstream:\n' +
            '- PRD `PRD-1` Express checkout\n' +
            '- Epic `EPIC-1` Express checkout\n' +
            '- Release `R-1` Checkout that converts\n' +
            '- Goal `G-CONV` Checkout conversion, Goal `G-ONTIME` On-time delivery',
          'stories 1/2 done (1 cancelled)',
          `[checkout.prd.yaml:5](${PRD1}#L5)`,
        ].join('\n\n'),
      });
    });

    it('the same card on the definition, on a block list entry and inside quotes (range without the quotes)', () => {
      const card = hoverAt(svc, STORIES, 'REQ-101', 3)!.value;
      assert.deepEqual(hoverAt(svc, PRD1, 'REQ-101', 0), {
        kind: 'markdown',
        range: [4, 8, 4, 15],
        value: card,
      });
      assert.deepEqual(hoverAt(svc, STORIES, '- REQ-101', 9)?.range, [11, 8, 11, 15]);
      assert.deepEqual(hoverAt(svc, STORIES, "'REQ-101'", 1), {
        kind: 'markdown',
        range: [16, 18, 16, 25],
        value: card,
      });
    });

    it('a story: its upstream chain through every requirement it implements', () => {
      assert.equal(
        hoverAt(svc, STORIES, 'ST-1', 1)!.value,
        [
          '**Story ST-1** — Save a card',
          'status `done`',
          'Upstream:\n' +
            '- Requirement `REQ-101` Saved cards, Requirement `REQ-201` Map\n' +
            '- PRD `PRD-1` Express checkout, PRD `PRD-2` Tracking\n' +
            '- Epic `EPIC-1` Express checkout, Epic `EPIC-2` Live tracking\n' +
            '- Release `R-1` Checkout that converts\n' +
            '- Goal `G-CONV` Checkout conversion, Goal `G-ONTIME` On-time delivery',
          `[s1.stories.yaml:5](${STORIES}#L5)`,
        ].join('\n\n'),
      );
    });

    it('a PRD: its requirements by status, coverage and stories', () => {
      assert.equal(
        hoverAt(svc, PRD1, 'PRD-1')!.value,
        [
          '**PRD PRD-1** — Express checkout',
          'status `draft`',
          'Upstream:\n- Epic `EPIC-1` Express checkout\n- Release `R-1` Checkout that converts\n' +
            '- Goal `G-CONV` Checkout conversion, Goal `G-ONTIME` On-time delivery',
          'requirements 3 (1 draft, 1 approved, 1 in-progress) · covered 1/2 · stories 1/2 done (1 cancelled)',
          `[checkout.prd.yaml:1](${PRD1}#L1)`,
        ].join('\n\n'),
      );
    });

    it('an epic: owner, RICE score, PRDs and stories', () => {
      assert.equal(
        hoverAt(svc, PRD1, 'EPIC-1', 2)!.value,
        [
          '**Epic EPIC-1** — Express checkout',
          'status `in-progress` · priority `must` · owner Lena Park',
          'Upstream:\n- Release `R-1` Checkout that converts\n- Goal `G-CONV` Checkout conversion, Goal `G-ONTIME` On-time delivery',
          'RICE 12.5 · PRDs 1 · stories 1/2 done (1 cancelled)',
          `[checkout.epic.yaml:1](${EPIC1}#L1)`,
        ].join('\n\n'),
      );
    });

    it('a release: horizon, goals, epics and stories', () => {
      assert.equal(
        hoverAt(svc, STORIES, 'R-1', 1)!.value,
        [
          '**Release R-1** — Checkout that converts',
          'status `in-progress` · horizon `now`',
          'Upstream:\n- Goal `G-CONV` Checkout conversion, Goal `G-ONTIME` On-time delivery',
          'epics 2 · stories 1/2 done (1 cancelled)', // the stories under its epics' PRDs' requirements
          `[product.roadmap.yaml:4](${ROADMAP}#L4)`,
        ].join('\n\n'),
      );
      assert.equal(
        hoverAt(svc, ROADMAP, 'R-2')!.value,
        [
          '**Release R-2** — Tracking',
          'status `draft` · horizon `next`',
          'epics 0 · no stories yet',
          `[product.roadmap.yaml:9](${ROADMAP}#L9)`,
        ].join('\n\n'),
      );
    });

    it('a requirement no story implements, and a persona', () => {
      assert.match(hoverAt(svc, PRD1, 'REQ-103')!.value, /\n\nno stories yet\n\n/);
      assert.equal(
        hoverAt(svc, VISION, 'P-PARENT')!.value,
        `**Persona P-PARENT** — Busy parent\n\nstatus \`draft\`\n\n[product.vision.yaml:10](${VISION}#L10)`,
      );
    });

    it('an ID that is defined twice says so', () => {
      const files = { ...texts, [PRD2]: texts[PRD2].replace('REQ-201', 'REQ-103') };
      const h = hoverAt(workspace(files), PRD1, 'REQ-103', 0, files)!;
      assert.match(
        h.value,
        /\[checkout\.prd\.yaml:17\]\(file:\/\/\/w\/prds\/checkout\.prd\.yaml#L17\) — defined 2 times$/,
      );
    });
  });

  describe('unresolved IDs', () => {
    it('says the ID is not defined and suggests the closest IDs of the kind the field takes', () => {
      assert.deepEqual(hoverAt(svc, PRD1, 'REQ-10]', 2), {
        kind: 'markdown',
        range: [20, 17, 20, 23],
        value:
          '**REQ-10** is not defined in this workspace.\n\nDid you mean `REQ-101` (Saved cards), `REQ-102` (One page), `REQ-103` (Wallet)?',
      });
    });

    it('suggests only IDs of the allowed kinds, and nothing when none is close', () => {
      const files = { ...texts, [EPIC2]: lines('id: EPIC-2', 'title: Live tracking', 'release: R-3') };
      const s = workspace(files);
      // R-3 is close to R-1 and R-2 (releases), not to REQ-* or G-*.
      assert.equal(
        hoverAt(s, EPIC2, 'R-3', 0, files)!.value,
        '**R-3** is not defined in this workspace.\n\nDid you mean `R-1` (Checkout that converts), `R-2` (Tracking)?',
      );
      const far = { ...texts, [EPIC2]: lines('id: EPIC-2', 'title: Live tracking', 'release: NOWHERE-99') };
      assert.equal(
        hoverAt(workspace(far), EPIC2, 'NOWHERE', 0, far)!.value,
        '**NOWHERE-99** is not defined in this workspace.',
      );
    });

    it('works on an ID being typed in a momentarily invalid flow list', () => {
      const text = texts[STORIES].replace('    status: done\n', '    depends_on: [ST-3, ST-\n');
      const files = { ...texts, [STORIES]: text };
      const s = workspace(files);
      assert.ok(s.diagnostics(STORIES).some(d => d.code === 'yaml-syntax'));
      const h = hoverAt(s, STORIES, 'ST-\n', 1, files)!;
      assert.deepEqual(h.range, [7, 23, 7, 26]);
      assert.match(h.value, /^\*\*ST-\*\* is not defined in this workspace\./);
    });
  });

  describe('keys and values', () => {
    it('a key: its schema description, whether it is required, and its values', () => {
      const h = hoverAt(svc, PRD1, 'priority: must', 2)!;
      assert.equal(h.range.join(), '7,4,7,12');
      assert.match(h.value, /^\*\*priority\*\* \(required\)\n\nHow important the requirement is/);
      assert.match(h.value, /\n- `must` — Must have: the release fails without it\.\n- `should` — /);
      const top = hoverAt(svc, PRD1, 'title')!;
      assert.deepEqual(top.range, [1, 0, 1, 5]);
      assert.match(top.value, /^\*\*title\*\* \(required\)\n\nA short, human-readable name for the PRD/);
      const optional = hoverAt(svc, ROADMAP, 'goals: [G-CONV', 1)!;
      assert.match(optional.value, /^\*\*goals\*\*\n\n/);
    });

    it('an enum value: what it means', () => {
      assert.deepEqual(hoverAt(svc, PRD1, 'must', 1), {
        kind: 'markdown',
        range: [7, 14, 7, 18],
        value: '**priority: `must`**\n\nMust have: the release fails without it.',
      });
      assert.deepEqual(hoverAt(svc, ROADMAP, 'now'), {
        kind: 'markdown',
        range: [5, 13, 5, 16],
        value: '**horizon: `now`**\n\nNow: being built in the current period.',
      });
      const status = hoverAt(svc, STORIES, 'in-progress', 5)!;
      assert.deepEqual(status.range, [12, 12, 12, 23]);
      assert.match(status.value, /^\*\*status: `in-progress`\*\*\n\nWork on it has started\.$/);
    });

    it('nothing on other values, on unknown keys, on blank space, or outside spec files', () => {
      assert.equal(hoverAt(svc, PRD1, 'Save a card.', 2), undefined);
      assert.equal(hover(svc, PRD1, { line: 3, character: 13 }), undefined);
      const files = { ...texts, [EPIC2]: lines('id: EPIC-2', 'title: Live tracking', 'colour: red') };
      assert.equal(hoverAt(workspace(files), EPIC2, 'colour', 0, files), undefined);
      assert.equal(hover(svc, 'file:///w/notes.yaml', { line: 0, character: 0 }), undefined);
    });

    it('keys still hover while the document is momentarily invalid', () => {
      const text = texts[PRD1].replace('    priority: could\n', '    priority: could\n    pri\n');
      const files = { ...texts, [PRD1]: text };
      const s = workspace(files);
      assert.ok(s.diagnostics(PRD1).some(d => d.code === 'yaml-syntax'));
      const h = hover(s, PRD1, { line: 19, character: 10 });
      assert.ok(h && /^\*\*priority\*\*/.test(h.contents.value));
      assert.equal(hover(s, PRD1, { line: 20, character: 5 }), undefined); // `pri` is no key the schema knows
    });
  });
});
