/**
 * Team schema extensions: `.specwright.yaml` `schemas: { prd: ./conventions/prd.schema.json }`
 * validated in addition to the built-in schema (same code, messages and
 * ranges), its keys accepted by the built-in `additionalProperties: false`,
 * its descriptions in hover and completion, and every way the file can be
 * broken reported on the config file at the path — never a crash, never a
 * fetch, never a hang.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { completion } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { compileExtension } from '../../server/src/core/schema/extensions';
import { SpecService } from '../../server/src/core/service';
import { NodeWorkspace, pathToUri } from '../../server/src/node/nodeWorkspace';
import { findings, lines } from './helpers';
import { MemoryWorkspace } from './memoryWorkspace';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const SCHEMA = 'file:///w/conventions/prd.schema.json';
const P = 'file:///w/prds/a.prd.yaml';
const E = 'file:///w/a.epic.yaml';

const teamSchema = {
  type: 'object',
  required: ['compliance_review'],
  properties: {
    compliance_review: {
      type: 'string',
      description: 'The compliance review ticket that signed this PRD off, such as CR-123.',
      pattern: '^CR-\\d+$',
    },
    requirements: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          risk: {
            type: 'string',
            enum: ['low', 'high'],
            enumDescriptions: ['Routine work.', 'Needs a spike first.'],
            description: 'How risky the requirement is to build.',
          },
        },
      },
    },
  },
};
const config = lines('schemas:', '  prd: ./conventions/prd.schema.json');

const prd = (...extra: string[]) =>
  lines(
    'id: PRD-1', // 0
    'title: Checkout', // 1
    'epic: EPIC-1', // 2
    ...extra, // 3...
    'requirements:',
    '  - id: REQ-1',
    '    title: Pay',
    '    statement: s',
    '    priority: must',
  );

/** A workspace read by a scan; `schema` null leaves the schema file out. */
async function load(
  files: Record<string, string>,
  configText = config,
  schema: unknown = teamSchema,
): Promise<{ s: SpecService; ws: MemoryWorkspace }> {
  const ws = new MemoryWorkspace(new Map(Object.entries(files)));
  ws.set(CONFIG, configText);
  if (schema !== null) ws.set(SCHEMA, typeof schema === 'string' ? schema : JSON.stringify(schema, null, 2));
  const s = new SpecService(ws);
  await s.scan([ROOT]);
  return { s, ws };
}

const schemaFindings = (s: SpecService, uri: string) => findings(s, uri, 'schema');

describe('team schema extensions', () => {
  describe('validation', () => {
    it("adds the team's required field, reported like a built-in one", async () => {
      const { s } = await load({ [P]: prd() });
      assert.deepEqual(schemaFindings(s, P), [
        {
          code: 'schema',
          severity: 'error',
          range: [0, 0, 0, 2],
          message: 'PRD is missing "compliance_review"',
        },
      ]);
      assert.deepEqual(findings(s, CONFIG), []);
    });

    it('merges missing keys of both schemas into one finding', async () => {
      const { s } = await load({
        [P]: lines(
          'id: PRD-1',
          'epic: EPIC-1',
          'requirements:',
          '  - {id: REQ-1, title: t, statement: s, priority: must}',
        ),
      });
      assert.deepEqual(schemaFindings(s, P), [
        {
          code: 'schema',
          severity: 'error',
          range: [0, 0, 0, 2],
          message: 'PRD is missing "title" and "compliance_review"',
        },
      ]);
    });

    it('accepts the keys the team declares, and checks their values', async () => {
      const { s } = await load({ [P]: prd('compliance_review: CR-12') + lines('    risk: high') });
      assert.deepEqual(schemaFindings(s, P), []);
      const bad = await load({ [P]: prd('compliance_review: pending') + lines('    risk: medium') });
      assert.deepEqual(schemaFindings(bad.s, P), [
        {
          code: 'schema',
          severity: 'error',
          range: [3, 19, 3, 26],
          message: 'compliance_review does not have the expected form (got "pending")',
        },
        {
          code: 'schema',
          severity: 'error',
          range: [9, 10, 9, 16],
          message: 'risk must be one of low, high (got "medium")',
        },
      ]);
    });

    it('without the team schema the same keys are unknown; a misspelt team key gets the team key suggested', async () => {
      const { s } = await load({ [P]: prd('compliance_review: CR-12') }, lines('rules: {}'));
      assert.deepEqual(
        schemaFindings(s, P).map(f => f.message),
        [
          'unknown key "compliance_review" (allowed here: kind, id, title, status, owner, epic, personas, goals, problem, non_goals, open_questions, requirements, priority, description, related, tickets)',
        ],
      );
      const typo = await load({ [P]: prd('compliance_reveiw: CR-12') });
      assert.deepEqual(schemaFindings(typo.s, P), [
        {
          code: 'schema',
          severity: 'error',
          range: [3, 0, 3, 17],
          message: 'unknown key "compliance_reveiw" (did you mean "compliance_review"?)',
        },
      ]);
    });

    it('applies only to its kind, and only under its folder', async () => {
      const { s } = await load({
        [E]: lines('id: EPIC-1', 'title: E', 'release: R-1'),
        'file:///other/b.prd.yaml': prd(),
      });
      assert.deepEqual(schemaFindings(s, E), []);
      await s.scan(['file:///other']);
      assert.deepEqual(schemaFindings(s, 'file:///other/b.prd.yaml'), []);
    });

    it('keeps local $refs and `x-` keys working', async () => {
      const schema = {
        type: 'object',
        definitions: { ticket: { type: 'string', pattern: '^CR-\\d+$' } },
        properties: { compliance_review: { $ref: '#/definitions/ticket' } },
        additionalProperties: false,
      };
      const { s } = await load({ [P]: prd('compliance_review: nope', 'x-jira: SHOP-1') }, config, schema);
      // The team's additionalProperties: false accepts the built-in keys and x- keys.
      assert.deepEqual(
        schemaFindings(s, P).map(f => [f.range, f.message]),
        [[[3, 19, 3, 23], 'compliance_review does not have the expected form (got "nope")']],
      );
    });
  });

  describe('a broken team schema is a finding on the config file, at the path', () => {
    const at = [1, 7, 1, 36];
    const cases: [string, unknown, string][] = [
      ['not JSON', '{ "type": ', 'the schema file "conventions/prd.schema.json" is not valid JSON: '],
      [
        'not an object',
        '[1, 2]',
        'the schema file "conventions/prd.schema.json" must hold a JSON object (a JSON Schema)',
      ],
      [
        'not a valid schema',
        { type: 'strin' },
        'the schema file "conventions/prd.schema.json" is not a valid JSON Schema: schema is invalid: data/type must be equal to one of the allowed values',
      ],
      [
        'strict mode',
        { properties: { a: { type: 'string' } }, required: ['a'], nonsense: 1 },
        'the schema file "conventions/prd.schema.json" is not a valid JSON Schema: strict mode: unknown keyword: "nonsense"',
      ],
      [
        'a remote $ref',
        { type: 'object', properties: { a: { $ref: 'https://example.com/a.json' } } },
        'the schema file "conventions/prd.schema.json" cannot be used: its $ref "https://example.com/a.json" at #/properties/a is not a local reference; only references within the file (#/...) are allowed, and nothing is ever fetched',
      ],
      [
        'a relative file $ref',
        { type: 'object', properties: { a: { $ref: 'other.json#/a' } } },
        'the schema file "conventions/prd.schema.json" cannot be used: its $ref "other.json#/a" at #/properties/a is not a local reference; only references within the file (#/...) are allowed, and nothing is ever fetched',
      ],
      [
        'a lookahead (no linear-time meaning)',
        { type: 'object', properties: { a: { type: 'string', pattern: '^(?!x)a+$' } } },
        'the schema file "conventions/prd.schema.json" cannot be used: the pattern "^(?!x)a+$" uses lookaround ((?=, (?!, (?<=, (?<!), which the linear-time engine cannot run; write the pattern without it',
      ],
      [
        'a backreference',
        { type: 'object', patternProperties: { '^(x)\\1$': { type: 'string' } } },
        'the schema file "conventions/prd.schema.json" cannot be used: the pattern "^(x)\\\\1$" uses a backreference (\\1), which the linear-time engine cannot run; write the pattern without it',
      ],
      ['a missing file', null, 'the schema file "conventions/prd.schema.json" does not exist'],
    ];
    for (const [what, schema, message] of cases) {
      it(what, async () => {
        const { s } = await load({ [P]: prd() }, config, schema);
        const f = findings(s, CONFIG);
        assert.equal(f.length, 1, JSON.stringify(f));
        assert.deepEqual([f[0].code, f[0].severity, f[0].range], ['schema', 'error', at]);
        assert.ok(f[0].message.startsWith(message), f[0].message);
        assert.equal(s.configProblems(ROOT).length, 1);
        // The built-in schema still applies; nothing of the team's.
        assert.deepEqual(schemaFindings(s, P), []);
      });
    }

    it('a path that is absolute, leaves the folder, or names an unknown kind, without reading anything', async () => {
      const { s, ws } = await load(
        { [P]: prd() },
        lines(
          'schemas:',
          '  prd: /etc/prd.schema.json',
          '  epic: ../shared/epic.schema.json',
          '  stories: C:\\schemas\\s.json',
          '  prds: ./x.json',
        ),
      );
      assert.deepEqual(findings(s, CONFIG), [
        {
          code: 'schema',
          severity: 'error',
          range: [1, 7, 1, 27],
          message:
            '"/etc/prd.schema.json" is not a relative path; write the path of a file inside the workspace folder, relative to it',
        },
        {
          code: 'schema',
          severity: 'error',
          range: [2, 8, 2, 34],
          message:
            '"../shared/epic.schema.json" is outside the workspace folder; only files inside it are read',
        },
        {
          code: 'schema',
          severity: 'error',
          range: [3, 11, 3, 28],
          message:
            '"C:\\schemas\\s.json" is not a relative path; write the path of a file inside the workspace folder, relative to it',
        },
        {
          code: 'schema',
          severity: 'error',
          range: [4, 2, 4, 6],
          message: 'unknown document kind "prds" (did you mean "prd"?)',
        },
      ]);
      assert.deepEqual(ws.configReads, []);
    });

    it('normalises ./ and inner .. that stay inside the folder', async () => {
      const { s, ws } = await load(
        { [P]: prd() },
        lines('schemas:', '  prd: ./docs/../conventions/./prd.schema.json'),
      );
      assert.deepEqual(ws.configReads, ['file:///w|conventions/prd.schema.json']);
      assert.equal(schemaFindings(s, P).length, 1);
    });
  });

  describe('patterns cannot hang the checker', () => {
    it('runs (a+)+$ on the linear-time engine, so a long value is checked at once', async () => {
      const long = 'a'.repeat(50_000) + '!';
      const schema = {
        type: 'object',
        properties: { compliance_review: { type: 'string', pattern: '(a+)+$' } },
      };
      const { s } = await load({ [P]: prd(`compliance_review: "${long}"`) }, config, schema);
      assert.deepEqual(findings(s, CONFIG), []);
      assert.deepEqual(
        schemaFindings(s, P).map(f => f.message.slice(0, 57)),
        ['compliance_review does not have the expected form (got "a'],
      );
    });

    it("compiles with its own Ajv: the team's $id cannot clash, and formats the built-in schemas use are there", () => {
      const one = compileExtension('prd', 'a.json', {
        text: JSON.stringify({
          $id: 'https://team/x',
          type: 'object',
          properties: { d: { type: 'string', format: 'date' } },
        }),
      });
      const two = compileExtension('prd', 'b.json', {
        text: JSON.stringify({ $id: 'https://team/x', type: 'object' }),
      });
      assert.ok('extension' in one && 'extension' in two);
      assert.equal(one.extension.validate({ d: '2026-02-30' }), false);
      assert.equal(one.extension.validate({ d: '2026-02-28' }), true);
    });
  });

  describe('incremental', () => {
    it('re-checks the files of the kind when the schema comes, changes and goes (closed files read again, open ones from the editor)', async () => {
      const P2 = 'file:///w/prds/b.prd.yaml';
      const { s, ws } = await load(
        {
          [P]: prd(),
          [P2]: prd().replace(/PRD-1/, 'PRD-2').replace('REQ-1', 'REQ-2'),
          [E]: lines('id: EPIC-1', 'title: E', 'release: R-1'),
        },
        lines('rules: {}'),
      );
      s.openDocument(P2, prd('compliance_review: CR-1').replace(/PRD-1/, 'PRD-2').replace('REQ-1', 'REQ-2'));
      assert.deepEqual(schemaFindings(s, P), []);

      ws.set(CONFIG, config);
      let affected = await s.loadConfig(ROOT, config);
      assert.ok(affected.has(P) && affected.has(P2));
      assert.deepEqual(
        schemaFindings(s, P).map(f => f.message),
        ['PRD is missing "compliance_review"'],
      );
      assert.deepEqual(schemaFindings(s, P2), []); // the editor's text has the field

      // The schema file changes: the team now also requires an owner.
      ws.set(SCHEMA, JSON.stringify({ ...teamSchema, required: ['compliance_review', 'owner'] }));
      affected = await s.loadConfig(ROOT, config);
      assert.ok(affected.has(P));
      assert.deepEqual(findings(s, CONFIG), []);
      assert.deepEqual(
        schemaFindings(s, P).map(f => f.message),
        ['PRD is missing "compliance_review" and "owner"'],
      );
      assert.deepEqual(
        schemaFindings(s, P2).map(f => f.message),
        ['PRD is missing "owner"'],
      );

      // Unchanged config and schema: no file is read again.
      const reads = ws.reads.length;
      await s.loadConfig(ROOT, config);
      assert.equal(ws.reads.length, reads);

      // Gone: back to the built-in schema, and the same as a fresh service.
      affected = await s.loadConfig(ROOT, lines('rules: {}'));
      assert.ok(affected.has(P));
      assert.deepEqual(schemaFindings(s, P), []);
      assert.deepEqual(
        schemaFindings(s, P2).map(f => f.message.slice(0, 33)),
        ['unknown key "compliance_review" ('],
      );
      assert.deepEqual(
        s.diagnostics(E),
        (
          await load({ [E]: lines('id: EPIC-1', 'title: E', 'release: R-1') }, lines('rules: {}'))
        ).s.diagnostics(E),
      );
    });

    it('a file edited later is checked against the team schema too', async () => {
      const { s } = await load({ [P]: prd('compliance_review: CR-1') });
      assert.deepEqual(schemaFindings(s, P), []);
      s.apply([{ uri: P, text: prd() }]);
      assert.deepEqual(
        schemaFindings(s, P).map(f => f.message),
        ['PRD is missing "compliance_review"'],
      );
    });

    it('knows which folders read a schema file (for file-change events)', async () => {
      const { s } = await load({ [P]: prd() });
      assert.deepEqual(s.rootsReading(SCHEMA), [ROOT]);
      assert.deepEqual(s.rootsReading('file:///w/other.json'), []);
    });
  });

  describe("hover and completion show the team's descriptions", () => {
    it('hover on a team key and a team enum value', async () => {
      const text = prd('compliance_review: CR-12') + lines('    risk: high');
      const { s } = await load({ [P]: text });
      s.openDocument(P, text);
      const key = hover(s, P, { line: 3, character: 3 });
      assert.equal(
        key?.contents.value,
        '**compliance\\_review** (required) — team schema\n\nThe compliance review ticket that signed this PRD off, such as CR-123.',
      );
      assert.deepEqual(key?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 17 } });
      const value = hover(s, P, { line: 9, character: 12 });
      assert.equal(value?.contents.value, '**risk: `high`**\n\nNeeds a spike first.');
    });

    it('completion offers the team keys with their descriptions, required ones first', async () => {
      const text = lines(
        'id: PRD-1',
        'title: T',
        '',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must}',
      );
      const { s } = await load({ [P]: text });
      s.openDocument(P, text);
      const items = completion(s, P, { line: 2, character: 0 }).items;
      const first = items[0];
      assert.deepEqual(
        [first.label, first.detail, first.sortText],
        ['compliance_review', 'team schema · required · string', '0-0000'],
      );
      assert.equal(
        first.documentation?.value,
        'The compliance review ticket that signed this PRD off, such as CR-123.',
      );
      assert.ok(items.some(i => i.label === 'owner'));
    });

    it('a built-in key the team requires is offered as required', async () => {
      const text = lines(
        'id: PRD-1',
        'title: T',
        '',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must}',
      );
      const { s } = await load({ [P]: text }, config, {
        ...teamSchema,
        required: ['compliance_review', 'owner'],
      });
      s.openDocument(P, text);
      const items = completion(s, P, { line: 2, character: 0 }).items;
      assert.deepEqual(
        items.slice(0, 2).map(i => [i.label, i.detail]),
        [
          ['owner', 'required · string'],
          ['compliance_review', 'team schema · required · string'],
        ],
      );
    });
  });

  describe('the Node workspace reads only regular files inside the folder', () => {
    let dir: string;
    let outside: string;
    const ws = new NodeWorkspace();
    const read = (rel: string) => ws.readConfigFile(pathToUri(dir), rel);

    before(() => {
      const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-schemas-')));
      dir = path.join(base, 'w');
      outside = path.join(base, 'outside');
      fs.mkdirSync(path.join(dir, 'conventions'), { recursive: true });
      fs.mkdirSync(outside);
      fs.writeFileSync(path.join(dir, 'conventions', 'prd.schema.json'), '{"type": "object"}');
      fs.writeFileSync(path.join(outside, 'secret.json'), '{"secret": true}');
      fs.writeFileSync(path.join(dir, 'conventions', 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
      fs.writeFileSync(path.join(dir, 'big.json'), ' '.repeat(1024 * 1024 + 1));
      fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'conventions', 'link.json'));
      fs.symlinkSync(outside, path.join(dir, 'linked-dir'));
      fs.symlinkSync(path.join(dir, 'conventions', 'prd.schema.json'), path.join(dir, 'inside-link.json'));
    });
    after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

    it('reads a file inside the folder', async () => {
      assert.deepEqual(await read('conventions/prd.schema.json'), { text: '{"type": "object"}' });
      assert.deepEqual(await read('./conventions/../conventions/prd.schema.json'), {
        text: '{"type": "object"}',
      });
    });

    it('refuses absolute paths, paths that leave the folder, and symbolic links (even to a file inside)', async () => {
      assert.deepEqual(await read(path.join(outside, 'secret.json')), {
        error: `"${path.join(outside, 'secret.json')}" is not a relative path; only files inside the workspace folder are read`,
      });
      assert.deepEqual(await read('../outside/secret.json'), {
        error: '"../outside/secret.json" is outside the workspace folder; only files inside it are read',
      });
      assert.deepEqual(await read('conventions/link.json'), {
        error:
          '"conventions/link.json" goes through a symbolic link (conventions/link.json); links are not followed, so only files inside the workspace folder are read',
      });
      assert.deepEqual(await read('linked-dir/secret.json'), {
        error:
          '"linked-dir/secret.json" goes through a symbolic link (linked-dir); links are not followed, so only files inside the workspace folder are read',
      });
      assert.deepEqual(await read('inside-link.json'), {
        error:
          '"inside-link.json" goes through a symbolic link (inside-link.json); links are not followed, so only files inside the workspace folder are read',
      });
    });

    it('says what is wrong with a file it cannot use', async () => {
      assert.deepEqual(await read('conventions/missing.json'), {
        error: 'the schema file "conventions/missing.json" does not exist',
      });
      assert.deepEqual(await read('conventions'), { error: 'the schema file "conventions" is not a file' });
      assert.deepEqual(await read('big.json'), {
        error: 'the schema file "big.json" is too large (more than 1 MB)',
      });
      assert.deepEqual(await read('conventions/latin1.json'), {
        error: 'the schema file "conventions/latin1.json" is not UTF-8 text',
      });
    });
  });
});
