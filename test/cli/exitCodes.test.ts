import * as assert from 'node:assert/strict';
import { fixture, run } from './helpers';

describe('cli: exit codes', () => {
  const cases: [string, number][] = [
    ['cli-clean', 0],
    ['cli-warnings', 0],
    ['cli-findings', 1],
    ['cli-config', 1],
    ['cli-bad-config', 2],
  ];
  for (const [name, status] of cases) {
    for (const format of ['text', 'json', 'sarif']) {
      it(`exits ${status} for ${name} (${format})`, () => {
        const r = run(['check', '--format', format], fixture(name));
        assert.equal(r.status, status, r.stderr);
        if (status === 2) assert.equal(r.stdout, '');
      });
    }
  }

  describe('--max-warnings', () => {
    it('exits 0 when warnings do not exceed N', () => {
      for (const n of ['2', '10']) {
        const r = run(['check', '--max-warnings', n], fixture('cli-warnings'));
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, '');
      }
    });

    it('exits 1 when warnings exceed N, and says so on stderr', () => {
      const r = run(['check', '--max-warnings', '1'], fixture('cli-warnings'));
      assert.equal(r.status, 1);
      assert.equal(r.stderr, 'specwright: 2 warnings found, more than --max-warnings 1 allows\n');
      assert.match(r.stdout, /^0 errors, 2 warnings, 0 info in 4 files \(7 items\)$/m);
    });

    it('accepts --max-warnings=0 and counts warnings the same in every format', () => {
      for (const format of ['text', 'json', 'sarif']) {
        const r = run(['check', `--max-warnings=0`, '-f', format], fixture('cli-warnings'));
        assert.equal(r.status, 1, format);
        assert.equal(r.stderr, 'specwright: 2 warnings found, more than --max-warnings 0 allows\n');
      }
    });

    it('does not count infos as warnings', () => {
      // cli-config with relaxed.yaml: 1 warning (missing-acceptance) and 1 info (uncovered)
      const r = run(
        ['check', '--config', 'configs/relaxed.yaml', '--max-warnings', '1'],
        fixture('cli-config'),
      );
      assert.equal(r.status, 0, r.stderr);
    });

    it('still exits 1 for errors however many warnings are allowed', () => {
      const r = run(['check', '--max-warnings', '100'], fixture('cli-findings'));
      assert.equal(r.status, 1);
      assert.equal(r.stderr, '');
    });
  });
});
