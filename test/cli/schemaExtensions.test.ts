import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, run, tempDir } from './helpers';

/**
 * test/fixtures/ext-basic: `.specwright.yaml` names conventions/prd.schema.json,
 * which requires `compliance_review` (CR-123) on PRDs and allows `risk: low|high`
 * on requirements. reviewed.prd.yaml follows it; unreviewed.prd.yaml does not.
 */
describe('cli: team schema extensions', function () {
  this.timeout(60_000);

  /** A copy of ext-basic with `change` applied; removed afterwards. */
  function withCopy(change: (dir: string) => void, body: (dir: string) => void): void {
    const tmp = tempDir();
    try {
      fs.cpSync(fixture('ext-basic'), tmp.dir, { recursive: true });
      change(tmp.dir);
      body(tmp.dir);
    } finally {
      tmp.remove();
    }
  }
  const refused = (dir: string, problem: string): void => {
    const r = run(['check'], dir);
    assert.equal(r.status, 2, r.stdout);
    assert.equal(r.stdout, '');
    assert.deepEqual(linesOf(r.stderr), [
      'specwright: invalid configuration, nothing was checked:',
      `  .specwright.yaml:2:8: ${problem}`,
    ]);
  };

  it('checks files against the team schema too, with the same messages (exit 1)', () => {
    const r = run(['check'], fixture('ext-basic'));
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'prds/unreviewed.prd.yaml:1:1 error schema PRD is missing "compliance_review"',
      'prds/unreviewed.prd.yaml:9:11 error schema risk must be one of low, high (got "medium")',
      '2 errors, 0 warnings, 0 info in 4 files (7 items)',
    ]);
  });

  it('a --config file names schemas relative to the workspace folder', () => {
    withCopy(
      dir => {
        fs.mkdirSync(path.join(dir, 'ci'));
        fs.writeFileSync(path.join(dir, 'ci', 'team.yaml'), 'schemas:\n  prd: conventions/prd.schema.json\n');
        fs.rmSync(path.join(dir, '.specwright.yaml'));
      },
      dir => {
        const r = run(['check', '--config', 'ci/team.yaml'], dir);
        assert.equal(r.status, 1, r.stderr);
        assert.match(
          r.stdout,
          /^prds\/unreviewed\.prd\.yaml:1:1 error schema PRD is missing "compliance_review"$/m,
        );
      },
    );
  });

  it('refuses (exit 2) a schema file that is not JSON', () => {
    withCopy(
      dir => fs.writeFileSync(path.join(dir, 'conventions', 'prd.schema.json'), '{ "type": "object",\n'),
      dir => {
        const r = run(['check'], dir);
        assert.equal(r.status, 2);
        assert.match(
          r.stderr,
          /^ {2}\.specwright\.yaml:2:8: the schema file "conventions\/prd\.schema\.json" is not valid JSON: /m,
        );
      },
    );
  });

  it('refuses a schema that is not a valid JSON Schema', () => {
    withCopy(
      dir =>
        fs.writeFileSync(
          path.join(dir, 'conventions', 'prd.schema.json'),
          '{"type": "object", "requird": ["x"]}',
        ),
      dir => {
        refused(
          dir,
          'the schema file "conventions/prd.schema.json" is not a valid JSON Schema: strict mode: unknown keyword: "requird"',
        );
      },
    );
  });

  it('refuses a $ref to anything but the file itself, and fetches nothing', () => {
    withCopy(
      dir =>
        fs.writeFileSync(
          path.join(dir, 'conventions', 'prd.schema.json'),
          JSON.stringify({ type: 'object', properties: { a: { $ref: 'http://127.0.0.1:9/a.json' } } }),
        ),
      dir => {
        refused(
          dir,
          'the schema file "conventions/prd.schema.json" cannot be used: its $ref "http://127.0.0.1:9/a.json" at #/properties/a is not a local reference; only references within the file (#/...) are allowed, and nothing is ever fetched',
        );
      },
    );
  });

  it('refuses a missing file, a path outside the folder, an absolute path and a symbolic link', () => {
    withCopy(
      dir => fs.rmSync(path.join(dir, 'conventions', 'prd.schema.json')),
      dir => {
        refused(dir, 'the schema file "conventions/prd.schema.json" does not exist');
      },
    );
    withCopy(
      dir => fs.writeFileSync(path.join(dir, '.specwright.yaml'), 'schemas:\n  prd: ../prd.schema.json\n'),
      dir => {
        refused(dir, '"../prd.schema.json" is outside the workspace folder; only files inside it are read');
      },
    );
    withCopy(
      dir => fs.writeFileSync(path.join(dir, '.specwright.yaml'), 'schemas:\n  prd: /etc/passwd\n'),
      dir => {
        refused(
          dir,
          '"/etc/passwd" is not a relative path; write the path of a file inside the workspace folder, relative to it',
        );
      },
    );
    withCopy(
      dir => {
        const target = path.join(dir, 'conventions', 'prd.schema.json');
        const outside = `${dir}-outside.json`;
        fs.renameSync(target, outside);
        fs.symlinkSync(outside, target);
      },
      dir => {
        try {
          refused(
            dir,
            '"conventions/prd.schema.json" goes through a symbolic link (conventions/prd.schema.json); links are not followed, so only files inside the workspace folder are read',
          );
        } finally {
          fs.rmSync(`${dir}-outside.json`, { force: true });
        }
      },
    );
  });

  it('refuses a pattern the linear-time engine cannot run (a backreference), and answers at once on a long value', () => {
    withCopy(
      dir => {
        fs.writeFileSync(
          path.join(dir, 'conventions', 'prd.schema.json'),
          JSON.stringify({
            type: 'object',
            properties: { compliance_review: { type: 'string', pattern: '^(a+)\\1$' } },
          }),
        );
        fs.appendFileSync(path.join(dir, 'prds', 'reviewed.prd.yaml'), `x-long: "${'a'.repeat(100_000)}!"\n`);
      },
      dir => {
        refused(
          dir,
          'the schema file "conventions/prd.schema.json" cannot be used: the pattern "^(a+)\\\\1$" uses a backreference (\\1), which the linear-time engine cannot run; write the pattern without it',
        );
      },
    );
  });
});
