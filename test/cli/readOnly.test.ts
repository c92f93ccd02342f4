import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, run, snapshot, tempDir, unmarkedRootHint } from './helpers';

describe('cli: reads only', () => {
  it('writes no file in the checked folders or the working directory, whatever the format or outcome', function () {
    this.timeout(120_000); // about 30 runs of the CLI
    const fixtures = ['cli-clean', 'cli-findings', 'cli-warnings', 'cli-config', 'cli-bad-config'];
    const cwd = tempDir();
    try {
      const before = fixtures.map(f => snapshot(fixture(f)));
      const cwdBefore = snapshot(cwd.dir);
      for (const f of fixtures) {
        for (const format of ['text', 'json', 'sarif']) {
          run(['check', fixture(f), '--format', format], cwd.dir);
          run(['check', '--format', format, '--max-warnings', '0'], fixture(f));
        }
      }
      run(['check', 'prds/pay.prd.yaml'], fixture('cli-findings'));
      run(['check', '--config', 'configs/relaxed.yaml'], fixture('cli-config'));
      assert.deepEqual(
        fixtures.map(f => snapshot(fixture(f))),
        before,
      );
      assert.deepEqual(snapshot(cwd.dir), cwdBefore);
    } finally {
      cwd.remove();
    }
  });

  it('reports binary, non-UTF-8, huge and empty spec files as findings and still checks the rest', function () {
    this.timeout(60_000);
    const ws = tempDir();
    try {
      fs.writeFileSync(
        path.join(ws.dir, 'binary.epic.yaml'),
        Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x00, 0x01, 0xff]),
      );
      fs.writeFileSync(
        path.join(ws.dir, 'latin1.epic.yaml'),
        Buffer.from('kind: epic\nid: EPIC-1\ntitle: Caf\xe9\n', 'latin1'),
      );
      fs.writeFileSync(path.join(ws.dir, 'huge.prd.yaml'), Buffer.alloc(9 * 1024 * 1024, 0x61));
      fs.writeFileSync(path.join(ws.dir, 'empty.stories.yaml'), '');
      fs.writeFileSync(path.join(ws.dir, 'tabs.vision.yaml'), 'kind: vision\n\tid: V-1\n');
      fs.writeFileSync(
        path.join(ws.dir, 'ok.prd.yaml'),
        [
          'kind: prd',
          'id: PRD-1',
          'title: Fine apart from its epic',
          'epic: EPIC-1',
          'requirements:',
          '  - id: REQ-1',
          '    title: A requirement',
          '    statement: Something works.',
          '    priority: must',
          '',
        ].join('\n'),
      );
      const before = snapshot(ws.dir);
      const r = run(['check'], ws.dir);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, '');
      assert.deepEqual(linesOf(r.stdout), [
        'binary.epic.yaml:1:1 error yaml-syntax file is binary, not YAML text (it contains NUL bytes)',
        'empty.stories.yaml:1:1 error schema the file is empty; a stories file needs at least "id", "title" and "stories"',
        'huge.prd.yaml:1:1 error yaml-syntax file is too large to check (9 MB; the limit is 8 MB)',
        'latin1.epic.yaml:1:1 error yaml-syntax file is not valid UTF-8 text',
        'ok.prd.yaml:4:7 error unresolved-link EPIC-1 is not defined in this workspace',
        'tabs.vision.yaml:2:1 error yaml-syntax Tabs are not allowed as indentation',
        '6 errors, 0 warnings, 0 info in 6 files (3 items)',
        unmarkedRootHint('.'),
      ]);
      assert.deepEqual(snapshot(ws.dir), before);

      for (const format of ['json', 'sarif']) {
        const f = run(['check', '--format', format], ws.dir);
        assert.equal(f.status, 1);
        assert.doesNotThrow(() => JSON.parse(f.stdout));
      }
    } finally {
      ws.remove();
    }
  });
});
