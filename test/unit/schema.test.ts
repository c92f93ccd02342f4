import * as assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/core/parse/parseDocument';
import {
  allowedKeys,
  describeKey,
  docKinds,
  resolveRef,
  schemaFor,
  validatorFor,
  type JsonSchema,
} from '../../server/src/core/schema/schemas';
import { validateSchema } from '../../server/src/core/schema/validate';
import type { DocKind, Finding, Range } from '../../server/src/core/types';

function check(kind: DocKind, text: string): Finding[] {
  return validateSchema(kind, parseYaml(text));
}

function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** The one finding of a document; fails when there are none or several. */
function only(kind: DocKind, text: string): Finding {
  const findings = check(kind, text);
  assert.equal(
    findings.length,
    1,
    `expected one finding, got: ${JSON.stringify(findings.map(f => f.message))}`,
  );
  assert.equal(findings[0].code, 'schema');
  return findings[0];
}

const validPrd = `kind: prd
id: PRD-7
title: Saved payment methods
status: review
owner: Dana Lee
epic: EPIC-12
personas: [P-SHOPPER]
goals: [G-CONV]
problem: Shoppers retype their card.
non_goals: [Bank accounts]
open_questions: [CVC?]
priority: must
description: More.
related: [EPIC-12]
requirements:
  - id: REQ-101
    title: Saved card
    statement: Offer the saved card.
    priority: must
    status: approved
    acceptance_criteria:
      - The saved card is preselected
    depends_on: [REQ-100]
    rationale: Speed.
    owner: Dana
    description: More.
    related: [ST-1]
`;

const validDocs: Record<DocKind, string> = {
  vision: `id: V-SHOP
product: Acme Checkout
statement: One-tap checkout.
title: Vision
goals:
  - id: G-CONV
    title: Raise conversion
    metric: conversion (%)
    baseline: 2.1
    target: 3.5
    by: 2028-02-29
    status: approved
personas:
  - id: P-SHOPPER
    name: Returning shopper
    description: Buys often.
    needs: [Speed]
non_goals: [Cash]
`,
  roadmap: `id: RM-2027
title: Roadmap
releases:
  - id: R-2027.1
    title: Spring
    horizon: now
    start: 2027-03-01
    end: 2027-05-31
    status: in-progress
    goals: [G-CONV]
  - id: R-2027.2
    title: Summer
    horizon: later
`,
  epic: `id: EPIC-12
title: One-tap checkout
status: draft
priority: should
owner: Dana
summary: Pay with one tap.
problem: Slow.
outcome: Fast.
release: R-2027.1
goals: [G-CONV]
depends_on: [EPIC-7]
rice: { reach: 4000, impact: 2, confidence: 0.8, effort: 3 }
`,
  prd: validPrd,
  stories: `id: IT-14
title: Sprint 14
release: R-2027.1
start: 2027-03-01
end: 2027-03-14
stories:
  - id: ST-301
    title: Pay with saved card
    as_a: P-SHOPPER
    i_want: to pay with my saved card
    so_that: I do not retype it
    implements: [REQ-101]
    status: done
    estimate: 0
    depends_on: [ST-300]
    acceptance_criteria:
      - A plain sentence
      - given: a saved card
        when: I open the checkout
        then: the card is preselected
`,
};

describe('schema validation', () => {
  describe('valid documents', () => {
    for (const kind of docKinds) {
      it(`accepts a complete ${kind} document`, () => {
        assert.deepEqual(check(kind, validDocs[kind]), []);
      });
    }
  });

  describe('message forms', () => {
    it('enum: names the key, lists the values, quotes what was written', () => {
      const f = only(
        'prd',
        'id: PRD-1\ntitle: T\nrequirements:\n  - id: REQ-1\n    title: R\n    statement: S\n    priority: shoud\n',
      );
      assert.equal(f.message, 'priority must be one of must, should, could, wont (got "shoud")');
      assert.deepEqual(f.range, range(6, 14, 6, 19));
      assert.deepEqual(f.data, {
        keyword: 'enum',
        key: 'priority',
        value: 'shoud',
        allowed: ['must', 'should', 'could', 'wont'],
        suggestion: 'should',
      });
    });

    it('required: names the item by its schema title, on the first key of a list item (the dash line)', () => {
      const f = only(
        'prd',
        'id: PRD-1\ntitle: T\nrequirements:\n  - id: REQ-1\n    title: R\n    priority: must\n',
      );
      assert.equal(f.message, 'requirement is missing "statement"');
      assert.deepEqual(f.range, range(3, 4, 3, 6));
      assert.deepEqual(f.data, {
        keyword: 'required',
        key: 'statement',
        missing: 'statement',
        missingKeys: ['statement'],
      });
    });

    it('required at the top level: on the first key of the document', () => {
      const f = only(
        'prd',
        '# a comment\ntitle: T\nrequirements:\n  - { id: REQ-1, title: R, statement: S, priority: must }\n',
      );
      assert.equal(f.message, 'PRD is missing "id"');
      assert.deepEqual(f.range, range(1, 0, 1, 5));
    });

    it('required in the other kinds uses their titles', () => {
      assert.equal(only('stories', 'id: IT-1\ntitle: T\n').message, 'iteration is missing "stories"');
      assert.equal(only('vision', 'id: V-1\nproduct: P\n').message, 'vision is missing "statement"');
      assert.equal(
        only('roadmap', 'id: RM-1\ntitle: T\nreleases:\n  - id: R-1\n    title: R\n').message,
        'release is missing "horizon"',
      );
      assert.equal(
        only('vision', 'id: V-1\nproduct: P\nstatement: S\npersonas:\n  - id: P-1\n').message,
        'persona is missing "name"',
      );
      assert.equal(
        only('vision', 'id: V-1\nproduct: P\nstatement: S\ngoals:\n  - id: G-1\n').message,
        'goal is missing "title"',
      );
      assert.equal(
        only('epic', 'id: EPIC-1\ntitle: T\nrice:\n  reach: 1\n  impact: 1\n  confidence: 1\n').message,
        'rice score is missing "effort"',
      );
    });

    it('required: several missing keys of one object are one finding; an empty mapping is marked itself', () => {
      const f = only('prd', 'id: PRD-1\ntitle: T\nrequirements:\n  - {}\n');
      assert.equal(f.message, 'requirement is missing "id", "title", "statement" and "priority"');
      assert.deepEqual(f.range, range(3, 4, 3, 6));
      assert.deepEqual(f.data, {
        keyword: 'required',
        key: 'id',
        missing: 'id',
        missingKeys: ['id', 'title', 'statement', 'priority'],
      });
    });

    it('unknown key with a close suggestion: on the key', () => {
      const text =
        'id: ST-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: [REQ-1]\n    acceptence_criteria: [a]\n';
      const f = only('stories', text.replace('id: ST-1\ntitle: T', 'id: IT-1\ntitle: T'));
      assert.equal(f.message, 'unknown key "acceptence_criteria" (did you mean "acceptance_criteria"?)');
      assert.deepEqual(f.range, range(6, 4, 6, 23));
      assert.equal(f.data?.keyword, 'additionalProperties');
      assert.equal(f.data?.key, 'acceptence_criteria');
      assert.equal(f.data?.suggestion, 'acceptance_criteria');
      assert.ok(
        Array.isArray(f.data?.allowed) && (f.data.allowed as string[]).includes('acceptance_criteria'),
      );
    });

    it('unknown key without a close one lists the allowed keys', () => {
      const f = only('epic', 'id: EPIC-1\ntitle: T\nfoo: 1\n');
      assert.equal(
        f.message,
        'unknown key "foo" (allowed here: kind, id, title, status, priority, owner, summary, problem, outcome, release, goals, depends_on, rice, description, related, tickets)',
      );
      assert.deepEqual(f.range, range(2, 0, 2, 3));
      assert.equal(f.data?.suggestion, undefined);
    });

    it('type: names the key and what was written', () => {
      const f = only(
        'stories',
        'id: IT-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: [REQ-1]\n    estimate: "3"\n',
      );
      assert.equal(f.message, 'estimate must be a number (got a string)');
      assert.deepEqual(f.range, range(6, 14, 6, 17));
      assert.deepEqual(f.data, { keyword: 'type', key: 'estimate', value: '3' });
    });

    it('type: a link list written as one ID', () => {
      const f = only(
        'stories',
        'id: IT-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: REQ-1\n',
      );
      assert.equal(f.message, 'implements must be a list of IDs (got a string)');
      assert.deepEqual(f.range, range(5, 16, 5, 21));
    });

    it('type: a list entry says "each entry of"', () => {
      const f = only(
        'stories',
        'id: IT-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: [REQ-1, 7]\n',
      );
      assert.equal(f.message, 'each entry of implements must be an ID (got a number)');
      assert.deepEqual(f.range, range(5, 24, 5, 25));
      assert.equal(f.data?.key, 'implements');
    });

    it('type: other shapes in words', () => {
      assert.equal(
        only('epic', 'id: EPIC-1\ntitle: T\nrelease: [R-1]\n').message,
        'release must be an ID (got a list)',
      );
      assert.equal(
        only('epic', 'id: EPIC-1\ntitle: T\nrice: 5\n').message,
        'rice must be a mapping of keys (got a number)',
      );
      assert.equal(
        only('prd', 'id: PRD-1\ntitle: T\nrequirements: {}\n').message,
        'requirements must be a list of requirements (got a mapping)',
      );
      assert.equal(
        only('prd', 'id: PRD-1\ntitle: T\nrequirements:\n  - text\n').message,
        'each entry of requirements must be a mapping of keys (got a string)',
      );
      assert.equal(only('epic', 'id: EPIC-1\ntitle: true\n').message, 'title must be a string (got true)');
      assert.equal(
        only(
          'stories',
          'id: IT-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: [REQ-1]\n    acceptance_criteria: [1]\n',
        ).message,
        'each entry of acceptance_criteria must be a string or a mapping with given, when and then (got a number)',
      );
    });

    it('type: an empty value is marked on its key', () => {
      const f = only('epic', 'id: EPIC-1\ntitle: T\nowner:\n');
      assert.equal(f.message, 'owner must be a string (got nothing)');
      assert.deepEqual(f.range, range(2, 0, 2, 5));
    });

    it('pattern: IDs', () => {
      const f = only(
        'prd',
        'id: PRD-1\ntitle: T\nrequirements:\n  - id: req-1\n    title: R\n    statement: S\n    priority: must\n',
      );
      assert.equal(
        f.message,
        '"req-1" is not a valid ID (IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes)',
      );
      assert.deepEqual(f.range, range(3, 8, 3, 13));
      assert.deepEqual(f.data, { keyword: 'pattern', key: 'id', value: 'req-1' });
    });

    it('pattern: IDs inside link lists', () => {
      const f = only('epic', 'id: EPIC-1\ntitle: T\ndepends_on: [EPIC-2, epic 3]\n');
      assert.equal(
        f.message,
        '"epic 3" is not a valid ID (IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes)',
      );
      assert.deepEqual(f.range, range(2, 21, 2, 27));
    });

    it('date: YYYY-MM-DD naming a real day', () => {
      const f = only('stories', 'id: IT-1\ntitle: T\nstart: 2027-13-01\nstories: []\n');
      assert.equal(f.message, '2027-13-01 is not a date: there is no month 13');
      assert.deepEqual(f.range, range(2, 7, 2, 17));
      assert.deepEqual(f.data, { keyword: 'format', key: 'start', value: '2027-13-01' });
      assert.equal(
        only('stories', 'id: IT-1\ntitle: T\nend: 2027-02-29\nstories: []\n').message,
        '2027-02-29 is not a date: 2027 is not a leap year, so February has 28 days',
      );
      assert.equal(
        only('stories', 'id: IT-1\ntitle: T\nend: 2026-09-31\nstories: []\n').message,
        '2026-09-31 is not a date: September has 30 days',
      );
      assert.equal(
        only('stories', 'id: IT-1\ntitle: T\nend: 2026-09-00\nstories: []\n').message,
        '2026-09-00 is not a date: there is no day 0',
      );
      assert.equal(
        only('stories', 'id: IT-1\ntitle: T\nend: 1 March\nstories: []\n').message,
        'end must be a date written YYYY-MM-DD (got "1 March")',
      );
      assert.deepEqual(
        check('stories', 'id: IT-1\ntitle: T\nstart: 2028-02-29\nend: "2028-03-01"\nstories: []\n'),
        [],
      );
    });

    it('minItems', () => {
      const f = only('prd', 'id: PRD-1\ntitle: T\nrequirements: []\n');
      assert.equal(f.message, 'requirements needs at least one entry');
      assert.deepEqual(f.range, range(2, 14, 2, 16));
      assert.equal(
        only('stories', 'id: IT-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: []\n')
          .message,
        'implements needs at least one entry',
      );
    });

    it('numeric bounds', () => {
      const findings = check(
        'epic',
        'id: EPIC-1\ntitle: T\nrice: { reach: 1, impact: 2, confidence: 1.5, effort: 0 }\n',
      );
      assert.deepEqual(
        findings.map(f => [f.message, f.range]),
        [
          ['confidence must be between 0 and 1 (got 1.5)', range(2, 41, 2, 44)],
          ['effort must be greater than 0 (got 0)', range(2, 54, 2, 55)],
        ],
      );
      assert.deepEqual(
        findings.map(f => f.data?.keyword),
        ['maximum', 'exclusiveMinimum'],
      );
      assert.equal(
        only(
          'stories',
          'id: IT-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: [REQ-1]\n    estimate: -1\n',
        ).message,
        'estimate must be 0 or more (got -1)',
      );
    });
  });

  describe('one problem, one finding', () => {
    it('accepts x- keys everywhere', () => {
      const text = `x-top: { anything: [1, 2] }
id: IT-1
title: T
stories:
  - id: ST-1
    x-jira: ABC-1
    title: S
    implements: [REQ-1]
    acceptance_criteria:
      - given: a
        when: b
        then: c
        x-automated: true
`;
      assert.deepEqual(check('stories', text), []);
      assert.deepEqual(
        check(
          'epic',
          'id: EPIC-1\ntitle: T\nrice: { reach: 1, impact: 1, confidence: 1, effort: 1, x-source: survey }\n',
        ),
        [],
      );
      assert.deepEqual(
        check(
          'vision',
          'id: V-1\nproduct: P\nstatement: S\ngoals: [{ id: G-1, title: G, x-okr: O1 }]\npersonas: [{ id: P-1, name: N, x-: 1 }]\n',
        ),
        [],
      );
      assert.deepEqual(
        check(
          'roadmap',
          'id: RM-1\ntitle: T\nreleases: [{ id: R-1, title: R, horizon: next, x-color: red }]\n',
        ),
        [],
      );
    });

    it('a kind that contradicts the suffix is left to kind-mismatch', () => {
      assert.deepEqual(
        check(
          'prd',
          'kind: epic\nid: PRD-1\ntitle: T\nrequirements: [{ id: REQ-1, title: R, statement: S, priority: must }]\n',
        ),
        [],
      );
      assert.deepEqual(
        check(
          'prd',
          'kind: prd\nid: PRD-1\ntitle: T\nrequirements: [{ id: REQ-1, title: R, statement: S, priority: must }]\n',
        ),
        [],
      );
      const f = only('epic', 'kind: 5\nid: EPIC-1\ntitle: T\n');
      assert.equal(f.message, 'kind must be a string (got a number)');
      assert.deepEqual(f.range, range(0, 6, 0, 7));
    });

    it('an acceptance criterion missing "then" is one finding', () => {
      const f = only(
        'stories',
        'id: IT-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: [REQ-1]\n    acceptance_criteria:\n      - given: a\n        when: b\n',
      );
      assert.equal(f.message, 'acceptance criterion is missing "then"');
      assert.deepEqual(f.range, range(7, 8, 7, 13));
    });

    it('a value of the wrong type is not also reported against its enum', () => {
      const f = only('epic', 'id: EPIC-1\ntitle: T\nstatus: 3\n');
      assert.equal(f.message, 'status must be a string (got a number)');
    });

    it('a misspelled required key is reported once, as the unknown key', () => {
      const f = only('prd', 'id: PRD-1\ntitle: T\nrequirments:\n  - id: REQ-1\n');
      assert.equal(f.message, 'unknown key "requirments" (did you mean "requirements"?)');
      assert.deepEqual(f.range, range(2, 0, 2, 11));
    });

    it('drops missing-key findings when the file has syntax errors', () => {
      const parsed = parseYaml('id: PRD-1\ntitle: T\nstatus: [draft\n');
      assert.ok(parsed.syntax.length > 0);
      assert.ok(validateSchema('prd', parsed).every(f => f.data?.keyword !== 'required'));
    });
  });

  describe('documents that are not a mapping', () => {
    it('an empty file says which keys it needs', () => {
      for (const text of ['', '# only a comment\n', '---\n']) {
        const f = only('prd', text);
        assert.equal(
          f.message,
          'the file is empty; a prd file needs at least "id", "title" and "requirements"',
        );
        assert.deepEqual(f.range, range(0, 0, 0, 0));
      }
      assert.equal(
        only('vision', '').message,
        'the file is empty; a vision file needs at least "id", "product" and "statement"',
      );
    });

    it('a top-level list', () => {
      const f = only('epic', '- id: EPIC-1\n- id: EPIC-2\n');
      assert.equal(f.message, 'the top level of a spec file must be a mapping of keys (found a list)');
      assert.deepEqual(f.range, range(0, 0, 0, 12));
    });

    it('a top-level scalar', () => {
      const f = only('epic', 'just some text\n');
      assert.equal(f.message, 'the top level of a spec file must be a mapping of keys (found a scalar)');
      assert.deepEqual(f.range, range(0, 0, 0, 14));
    });

    it('a top-level null', () => {
      assert.equal(
        only('epic', '~\n').message,
        'the top level of a spec file must be a mapping of keys (found nothing)',
      );
    });
  });

  describe('robustness', () => {
    it('maps through aliases and odd keys without throwing', () => {
      const text =
        'id: EPIC-1\ntitle: T\nx-base: &b { reach: 1, impact: 1, confidence: 2, effort: 1 }\nrice: *b\n1: one\n~: nothing\n';
      const findings = check('epic', text);
      assert.ok(findings.length >= 2);
      for (const f of findings) assert.equal(f.code, 'schema');
      const conf = findings.find(f => f.data?.key === 'confidence');
      assert.ok(conf);
      assert.deepEqual(conf.range, range(2, 46, 2, 47));
      assert.ok(findings.some(f => f.message.startsWith('unknown key "1"')));
    });

    it('never throws on deeply nested or strange input', () => {
      const deep =
        'id: EPIC-1\ntitle: T\nx-deep: ' +
        '['.repeat(500) +
        ']'.repeat(500) +
        '\nrice: ' +
        '{a: '.repeat(50) +
        '1' +
        '}'.repeat(50) +
        '\n';
      assert.doesNotThrow(() => check('epic', deep));
      assert.doesNotThrow(() => check('epic', '\u0000\uffff: [\n'));
      assert.doesNotThrow(() => check('epic', 'id: .inf\ntitle: .nan\n'));
      assert.equal(
        only(
          'stories',
          'id: IT-1\ntitle: T\nstories:\n  - id: ST-1\n    title: S\n    implements: [REQ-1]\n    estimate: .nan\n',
        ).message,
        'estimate must be a number (got .nan)',
      );
    });
  });
});

describe('schemas', () => {
  it('compiles each schema once', () => {
    for (const kind of docKinds) {
      const v = validatorFor(kind);
      assert.equal(typeof v, 'function');
      assert.equal(validatorFor(kind), v);
    }
  });

  /** Every sub-schema of a schema, with its JSON path, following local $refs once. */
  function walkSchema(
    kind: DocKind,
    visit: (s: JsonSchema, where: string, isProperty: boolean) => void,
  ): void {
    const root = schemaFor(kind);
    const seen = new Set<JsonSchema>();
    const go = (raw: JsonSchema, where: string, isProperty: boolean): void => {
      const s = resolveRef(root, raw);
      visit(s, where, isProperty);
      if (seen.has(s)) return;
      seen.add(s);
      const props = s.properties as Record<string, JsonSchema> | undefined;
      for (const [k, sub] of Object.entries(props ?? {})) go(sub, `${where}.${k}`, true);
      const pp = s.patternProperties as Record<string, JsonSchema> | undefined;
      for (const [k, sub] of Object.entries(pp ?? {})) go(sub, `${where}[/${k}/]`, true);
      if (s.items && typeof s.items === 'object') go(s.items as JsonSchema, `${where}[]`, false);
    };
    go(root, kind, true);
  }

  for (const kind of docKinds) {
    it(`${kind}: every property has a description, every enum explains its values, every object is closed and titled`, () => {
      let properties = 0;
      walkSchema(kind, (s, where, isProperty) => {
        if (isProperty) {
          properties++;
          assert.equal(typeof s.description, 'string', `${where} has no description`);
          assert.ok((s.description as string).length > 10, `${where} has a too-short description`);
        }
        if (Array.isArray(s.enum)) {
          assert.ok(Array.isArray(s.enumDescriptions), `${where} has no enumDescriptions`);
          assert.equal(
            (s.enumDescriptions as unknown[]).length,
            s.enum.length,
            `${where}: enumDescriptions is not parallel to enum`,
          );
        }
        const types = Array.isArray(s.type) ? s.type : [s.type];
        if (types.includes('object')) {
          assert.equal(typeof s.title, 'string', `${where} has no title`);
          assert.equal(s.additionalProperties, false, `${where} is not closed`);
          assert.deepEqual(
            Object.keys(s.patternProperties as object),
            ['^x-'],
            `${where} does not allow x- keys`,
          );
        }
      });
      assert.ok(properties > 10);
    });
  }

  it('titles name the items', () => {
    assert.deepEqual(
      docKinds.map(k => schemaFor(k).title),
      ['vision', 'roadmap', 'epic', 'PRD', 'iteration'],
    );
    assert.equal(describeKey('prd', ['requirements', 0])?.title, 'requirement');
    assert.equal(describeKey('stories', ['stories', 0])?.title, 'story');
    assert.equal(
      describeKey('stories', ['stories', 0, 'acceptance_criteria', 0])?.title,
      'acceptance criterion',
    );
    assert.equal(describeKey('roadmap', ['releases', 3])?.title, 'release');
    assert.equal(describeKey('vision', ['goals', 0])?.title, 'goal');
    assert.equal(describeKey('vision', ['personas', 0])?.title, 'persona');
    assert.equal(describeKey('epic', ['rice'])?.title, 'rice score');
  });

  it('describeKey returns the sub-schema at a YAML path', () => {
    const p = describeKey('prd', ['requirements', 0, 'priority']);
    assert.ok(p);
    assert.equal(p.key, 'priority');
    assert.deepEqual(p.enum, ['must', 'should', 'could', 'wont']);
    assert.equal(p.enumDescriptions?.length, 4);
    assert.equal(p.required, true);
    assert.equal(typeof p.description, 'string');

    const status = describeKey('epic', ['status']);
    assert.equal(status?.default, 'draft');
    assert.equal(status?.required, false);
    assert.equal(describeKey('epic', ['release'])?.isId, true);
    assert.equal(describeKey('epic', ['goals'])?.isIdList, true);
    assert.equal(describeKey('stories', ['start'])?.format, 'date');
    assert.equal(describeKey('stories', ['stories', 0, 'implements', 2])?.isId, true);
    assert.equal(describeKey('prd', ['x-notes'])?.extension, true);
    assert.equal(describeKey('prd', ['nope']), undefined);
    assert.equal(describeKey('prd', ['title', 0]), undefined);
    assert.equal(describeKey('prd', [])?.title, 'PRD');
  });

  it('allowedKeys lists the keys of the object at a path', () => {
    const keys = allowedKeys('prd', ['requirements', 0]);
    assert.deepEqual(
      keys.map(k => k.key),
      [
        'id',
        'title',
        'statement',
        'priority',
        'status',
        'acceptance_criteria',
        'depends_on',
        'rationale',
        'owner',
        'description',
        'related',
        'tickets',
      ],
    );
    assert.deepEqual(
      keys.filter(k => k.required).map(k => k.key),
      ['id', 'title', 'statement', 'priority'],
    );
    assert.ok(keys.every(k => typeof k.description === 'string'));
    assert.deepEqual(
      allowedKeys('stories', ['stories', 1, 'acceptance_criteria', 0]).map(k => k.key),
      ['given', 'when', 'then'],
    );
    assert.deepEqual(
      allowedKeys('epic', ['rice']).map(k => k.key),
      ['reach', 'impact', 'confidence', 'effort'],
    );
    assert.equal(allowedKeys('prd', [])[0].key, 'kind');
    assert.deepEqual(allowedKeys('prd', ['title']), []);
  });
});
