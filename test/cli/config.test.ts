import * as assert from 'node:assert/strict';
import { fixture, linesOf, repoRoot, run } from './helpers';

describe('cli: configuration', () => {
  it('applies <root>/.specwright.yaml: orphan raised to error, uncovered to warning, missing-acceptance off', () => {
    const r = run(['check'], fixture('cli-config'));
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'checkout.epic.yaml:2:5 error orphan EPIC-9 is not scheduled: it names no release',
      'checkout.prd.yaml:6:9 warning uncovered REQ-91 is approved but no story implements it',
      '1 error, 1 warning, 0 info in 2 files (3 items)',
      'not checked, switched off by the configuration (rules: ... off): missing-acceptance',
    ]);
  });

  it('--config FILE replaces .specwright.yaml entirely (it wins, nothing is merged)', () => {
    const r = run(['check', '--config', 'configs/relaxed.yaml'], fixture('cli-config'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'checkout.prd.yaml:6:9 info uncovered REQ-91 is approved but no story implements it',
      'checkout.prd.yaml:10:13 warning missing-acceptance REQ-91 is approved but has no acceptance criteria',
      '0 errors, 1 warning, 1 info in 2 files (3 items)',
      'not checked, switched off by the configuration (rules: ... off): orphan',
    ]);
  });

  it('--config is read relative to the working directory', () => {
    const r = run(
      ['check', 'test/fixtures/cli-config', '-c', 'test/fixtures/cli-config/configs/relaxed.yaml'],
      repoRoot,
    );
    assert.equal(r.status, 0, r.stderr);
  });

  it('--config FILE replaces an invalid .specwright.yaml too', () => {
    const r = run(['check', '--config', '../cli-config/configs/relaxed.yaml'], fixture('cli-bad-config'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'no problems in 1 file (1 item)',
      'not checked, switched off by the configuration (rules: ... off): orphan',
    ]);
  });

  it('refuses an invalid .specwright.yaml: exit 2, each problem with file, line and column on stderr', () => {
    const r = run(['check'], fixture('cli-bad-config'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(linesOf(r.stderr), [
      'specwright: invalid configuration, nothing was checked:',
      '  .specwright.yaml:2:3: unknown rule "orphn" (did you mean "orphan"?)',
      '  .specwright.yaml:3:14: rule uncovered must be one of error, warning, info, off (got "loud")',
    ]);
  });

  it('names the configuration file relative to the working directory', () => {
    const r = run(['check', 'test/fixtures/cli-bad-config'], repoRoot);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^ {2}test\/fixtures\/cli-bad-config\/\.specwright\.yaml:2:3: unknown rule "orphn"/m,
    );
  });

  it('refuses a --config file with a YAML error, naming the file as given', () => {
    const r = run(['check', '--config', '../cli-bad-config/configs/syntax-error.yaml'], fixture('cli-clean'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(linesOf(r.stderr), [
      'specwright: invalid configuration, nothing was checked:',
      '  ../cli-bad-config/configs/syntax-error.yaml:2:11: rule orphan must be one of error, warning, info, off (got a list)',
      '  ../cli-bad-config/configs/syntax-error.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('refuses a --config file that cannot be read', () => {
    const missing = run(['check', '--config', 'nope.yaml'], fixture('cli-clean'));
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
    assert.equal(
      missing.stderr,
      'specwright: cannot read the configuration file "nope.yaml" (it does not exist)\n',
    );

    const folder = run(['check', '--config', 'epics'], fixture('cli-clean'));
    assert.equal(folder.status, 2);
    assert.equal(folder.stderr, 'specwright: cannot read the configuration file "epics" (it is a folder)\n');
  });
});
