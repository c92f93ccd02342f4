/**
 * Issue 12, the input side, through the real binary: a CI job checks a
 * repository written by someone else. Its team schema patterns run in linear
 * time (0.1.0: 1.6 s on 37 characters, > 20 s on 2,000, no end behind a
 * `$ref` into data); a trusted `--config` is applied before anything of the
 * repository's configuration is read; its `.specwright.yaml` has the spec
 * files' limits (0.1.0: 36 s and 3.6 GB at 8 MB, out of memory at 18 MB).
 * Each run has a 60 s hang guard (killed with SIGKILL: a process stuck in a
 * RegExp never runs a SIGTERM handler); the configuration runs also get a
 * 512 MB heap, so reading too much is a crash, not a slow pass.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, linesOf, tempDir, type RunResult } from './helpers';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const prd = (...extra: string[]) =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'epic: EPIC-1',
    ...extra,
    'requirements:',
    '  - {id: REQ-1, title: Pay, statement: s, priority: must}',
  );
const smallHeap = { NODE_OPTIONS: '--max-old-space-size=512' };

/** `node dist/cli.js ...args` in `cwd`, killed after 60 s. */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: undefined, ...env },
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: security of what a repository writes (input)', function () {
  this.timeout(180_000);
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = tempDir()));
  afterEach(() => remove());
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const teamSchema = (compliance: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ type: 'object', properties: { ...extra, compliance_review: compliance } });
  /** The schema findings of `check --format json`. */
  const schemaMessages = (stdout: string): string[] =>
    (JSON.parse(stdout).diagnostics as { code: string; message: string }[])
      .filter(d => d.code === 'schema')
      .map(d => d.message.replace(/\(got ".*"\)$/, '(got …)'));

  const reproductions: [string, string, string][] = [
    [
      '^(a{1,2}){1,100}$ on 50 characters',
      teamSchema({ type: 'string', pattern: '^(a{1,2}){1,100}$' }),
      'a'.repeat(50) + '!',
    ],
    [
      '^[a-z]+[a-z]+[a-z]+[a-z]+$ on 2,000 characters',
      teamSchema({ type: 'string', pattern: '^[a-z]+[a-z]+[a-z]+[a-z]+$' }),
      'a'.repeat(2000) + '!',
    ],
    [
      '^(a+)+$ behind a $ref into data, on 10,000 characters',
      teamSchema(
        { $ref: '#/properties/x-dummy/enum/0' },
        { 'x-dummy': { enum: [{ type: 'string', pattern: '^(a+)+$' }] } },
      ),
      'a'.repeat(10_000) + '!',
    ],
  ];
  for (const [what, schema, value] of reproductions) {
    it(`check finishes on a team pattern ${what}, with the pattern's finding`, () => {
      write('.specwright.yaml', lines('schemas:', '  prd: ./team.schema.json'));
      write('team.schema.json', schema);
      write('a.prd.yaml', prd(`compliance_review: "${value}"`));
      const r = run(['check', '.', '--format', 'json'], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(schemaMessages(r.stdout), [
        'compliance_review does not have the expected form (got …)',
      ]);
    });
  }

  it('a backreference is a configuration problem: exit 2 and the reason, nothing checked', () => {
    write('.specwright.yaml', lines('schemas:', '  prd: ./team.schema.json'));
    write('team.schema.json', teamSchema({ type: 'string', pattern: '^(a)\\1$' }));
    write('a.prd.yaml', prd('compliance_review: aa'));
    const r = run(['check', '.'], dir);
    assert.equal(r.status, 2);
    assert.deepEqual(linesOf(r.stderr), [
      'specwright: invalid configuration, nothing was checked:',
      '  .specwright.yaml:2:8: the schema file "team.schema.json" cannot be used: the pattern "^(a)\\\\1$" uses a backreference (\\1), which the linear-time engine cannot run; write the pattern without it',
    ]);
  });

  it("a trusted --config is applied before the repository's configuration and team schemas are read", () => {
    // The repository's own configuration is 18 MB and names a hostile schema; neither is read.
    write(
      '.specwright.yaml',
      'schemas:\n  prd: ./team.schema.json\nx-pad: "' + 'a'.repeat(18 * 1024 * 1024) + '"\n',
    );
    write(
      'team.schema.json',
      teamSchema(
        { $ref: '#/properties/x-dummy/enum/0' },
        { 'x-dummy': { enum: [{ type: 'string', pattern: '^(a+)+$' }] } },
      ),
    );
    write('a.prd.yaml', prd(`x-note: "${'a'.repeat(10_000)}!"`));
    const trusted = path.join(dir, '..', `${path.basename(dir)}-trusted.yaml`);
    fs.writeFileSync(trusted, lines('rules:', '  unresolved-link: off'));
    try {
      const r = run(['check', '.', '--config', trusted], dir, smallHeap);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0, r.stdout);
      assert.deepEqual(linesOf(r.stdout), [
        'no problems in 1 file (2 items)',
        'not checked, switched off by the configuration (rules: ... off): unresolved-link',
      ]);
    } finally {
      fs.rmSync(trusted, { force: true });
    }
  });

  for (const mb of [8.5, 18]) {
    it(`a ${mb} MB .specwright.yaml is refused with the spec files' finding (exit 2), within a 512 MB heap`, () => {
      const text =
        'rules:\n  date-order: off\nx-pad:\n' +
        '  - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(Math.round((mb * 1024 * 1024) / 50));
      const size = (text.length / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
      write('.specwright.yaml', text);
      write('a.epic.yaml', lines('id: EPIC-1', 'title: A'));
      const r = run(['check', '.'], dir, smallHeap);
      assert.equal(r.status, 2, r.stderr);
      assert.deepEqual(linesOf(r.stderr), [
        'specwright: invalid configuration, nothing was checked:',
        `  .specwright.yaml:1:1: file is too large to check (${size} MB; the limit is 8 MB)`,
      ]);
    });
  }

  it('a config of 300,000 YAML tokens in 600 KB is refused the same way', () => {
    write('.specwright.yaml', 'x-list: [' + '0,'.repeat(300_000) + '0]\n');
    write('a.epic.yaml', lines('id: EPIC-1', 'title: A'));
    const r = run(['check', '.'], dir, smallHeap);
    assert.equal(r.status, 2, r.stderr);
    assert.deepEqual(linesOf(r.stderr), [
      'specwright: invalid configuration, nothing was checked:',
      '  .specwright.yaml:1:1: the file is too large to check: it has more than 200,000 YAML tokens (keys, values and punctuation); split it into smaller files',
    ]);
  });
});
