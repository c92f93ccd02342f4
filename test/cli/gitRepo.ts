/**
 * Temporary git repositories for the CLI tests of `impact --since` and
 * `diff`: made with the real `git`, with fixed names, dates and no user
 * configuration, so that every run sees the same history.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './helpers';

const env = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Spec Writer',
  GIT_AUTHOR_EMAIL: 'writer@example.invalid',
  GIT_COMMITTER_NAME: 'Spec Writer',
  GIT_COMMITTER_EMAIL: 'writer@example.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

/** Run git in `dir`; throws with its output when it fails. */
export function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Write files (paths relative to `dir`, `/`-separated), making their folders. */
export function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

/** A new repository in `dir` on branch main. */
export function initRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
}

/** Stage everything and commit; returns the new commit's hash. */
export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** The checkout PRD of the history below, with REQ-1's statement and REQ-2's status as given. */
const checkout = (statement: string, status: string): string =>
  [
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-1',
    '    title: Saved cards',
    `    statement: ${statement}`,
    '    priority: must',
    '    acceptance_criteria:',
    '      - A saved card is the default next time',
    '  - {id: REQ-2, title: One page, statement: One page., priority: must, status: ' +
      status +
      ', depends_on: [REQ-1]}',
    '  - {id: REQ-3, title: Receipts, statement: Send a receipt., priority: could}',
    '',
  ].join('\n');

const wallet = (title: string): string =>
  [
    'id: PRD-2',
    'title: Wallets',
    'requirements:',
    `  - {id: REQ-4, title: ${title}, statement: Pay with a wallet., priority: should}`,
    '',
  ].join('\n');

/**
 * A spec with a history, in `dir`:
 * - commit 1: checkout.prd.yaml (REQ-1..3), wallet.prd.yaml (REQ-4),
 *   old.prd.yaml (REQ-9), sprint.stories.yaml (ST-1 implements REQ-1,
 *   ST-2 implements REQ-2);
 * - commit 2: REQ-1's statement reworded and REQ-2 approved, wallet.prd.yaml
 *   moved to archive/ (git mv), old.prd.yaml deleted;
 * - working tree: REQ-4 retitled (unstaged), and a file git does not track
 *   yet, later.stories.yaml (ST-3 implements REQ-4).
 * Returns the two commits.
 */
export function specHistory(dir: string): { first: string; second: string } {
  initRepo(dir);
  write(dir, {
    '.specwright.yaml': 'rules:\n  orphan: off\n',
    'specs/checkout.prd.yaml': checkout('A shopper can save a card at checkout.', 'draft'),
    'specs/wallet.prd.yaml': wallet('Wallets'),
    'specs/old.prd.yaml':
      'id: PRD-9\ntitle: Old\nrequirements:\n  - {id: REQ-9, title: Fax, statement: Fax the order., priority: could}\n',
    'specs/sprint.stories.yaml': [
      'id: IT-1',
      'title: Sprint',
      'stories:',
      '  - {id: ST-1, title: Save a card, implements: [REQ-1]}',
      '  - {id: ST-2, title: One page, implements: [REQ-2]}',
      '',
    ].join('\n'),
  });
  const first = commitAll(dir, 'first');
  write(dir, {
    'specs/checkout.prd.yaml': checkout('A signed-in shopper can store a card at checkout.', 'approved'),
  });
  fs.mkdirSync(path.join(dir, 'archive'));
  git(dir, 'mv', 'specs/wallet.prd.yaml', 'archive/wallet.prd.yaml');
  git(dir, 'rm', '-q', 'specs/old.prd.yaml');
  const second = commitAll(dir, 'second');
  write(dir, {
    'archive/wallet.prd.yaml': wallet('Wallet payments'),
    'specs/later.stories.yaml':
      'id: IT-2\ntitle: Later\nstories:\n  - {id: ST-3, title: Pay by wallet, implements: [REQ-4]}\n',
  });
  return { first, second };
}

/**
 * The history of `specHistory` in a temporary folder made before the tests
 * of a suite and removed after them: read `dir` and `commits` inside a test.
 */
export function useSpecHistory(): { dir: string; commits: { first: string; second: string } } {
  const state = { dir: '', commits: { first: '', second: '' } };
  let remove = (): void => undefined;
  before(() => {
    const t = tempDir();
    remove = t.remove;
    state.dir = t.dir;
    state.commits = specHistory(t.dir);
  });
  after(() => remove());
  return state;
}
