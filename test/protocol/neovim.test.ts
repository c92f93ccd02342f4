/**
 * The README's Neovim configuration, run as written: headless Neovim with
 * the `lua` block of "### Neovim" as its init.lua opens a spec file, and a
 * script waits for the diagnostics and writes them out, with
 * `specwright-language-server` on PATH as npm's global install puts it.
 * Neovim comes from Debian's apt (npm test installs it: .ci/install-neovim.sh); without it this test
 * fails and says how to get it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readmeBlock, serverOnPath } from './editorConfig';

/** Waits (Neovim's event loop keeps running) until `files` files have diagnostics, writes them to $OUT sorted, quits. */
const collect = `
local root = os.getenv('SPECWRIGHT_ROOT')
local want = tonumber(os.getenv('SPECWRIGHT_FILES'))
local function files_with_diagnostics()
  local n = 0
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if #vim.diagnostic.get(buf) > 0 then n = n + 1 end
  end
  return n
end
local done = vim.wait(60000, function() return files_with_diagnostics() >= want end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get()) do
  local name = vim.api.nvim_buf_get_name(d.bufnr):sub(#root + 2)
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(lines, string.format('%s:%d:%d %s %s %s', name, d.lnum + 1, d.col + 1, vim.diagnostic.severity[d.severity], code, d.message))
end
table.sort(lines)
if not done then
  table.insert(lines, 'TIMEOUT: clients ' .. vim.inspect(vim.tbl_map(function(c) return c.name end, vim.lsp.get_active_clients())))
end
vim.fn.writefile(lines, os.getenv('SPECWRIGHT_OUT'))
vim.cmd(done and 'qa!' or 'cquit 3')
`;

function nvimVersion(): string {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  const error: NodeJS.ErrnoException | undefined = r.error;
  if (error?.code === 'ENOENT') {
    assert.fail('nvim is not installed: run bash .ci/install-neovim.sh (npm test and npm run test:fast do)');
  }
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n')[0];
}

describe("protocol: the README's Neovim configuration", function () {
  this.timeout(180_000);
  let tmp = '';
  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-nvim-')));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A workspace: one error in the epic (opened), one warning in the PRD (not opened). */
  function workspace(name: string, marker: (ws: string) => void): string {
    const ws = path.join(tmp, name);
    const write = (file: string, ...lines: string[]) => {
      fs.mkdirSync(path.dirname(path.join(ws, file)), { recursive: true });
      fs.writeFileSync(path.join(ws, file), lines.map(l => `${l}\n`).join(''));
    };
    write(
      'product.roadmap.yaml',
      'id: RM-1',
      'title: Roadmap',
      'releases:',
      '  - id: R-1',
      '    title: First',
      '    horizon: now',
    );
    write('epics/checkout.epic.yaml', 'id: EPIC-1', 'title: Checkout', 'release: R-2099.9');
    write(
      'prds/checkout.prd.yaml',
      'id: PRD-1',
      'title: Checkout',
      'epic: EPIC-1',
      'requirements:',
      '  - id: REQ-1',
      '    title: Saved cards',
      '    statement: A shopper pays with a saved card.',
      '    priority: must',
      '    status: approved',
    );
    marker(ws);
    return ws;
  }

  /** Runs headless Neovim with the README's block as init.lua on `file` in `ws`; returns the diagnostic lines. */
  function diagnosticsInNeovim(ws: string, file: string, files: number): string[] {
    nvimVersion();
    const bin = serverOnPath(path.join(tmp, 'bin'));
    const init = path.join(tmp, 'init.lua');
    fs.writeFileSync(init, readmeBlock('### Neovim', 'lua'));
    const script = path.join(tmp, 'collect.lua');
    fs.writeFileSync(script, collect);
    const out = path.join(tmp, `${path.basename(ws)}.out`);
    const home = path.join(tmp, 'home');
    const r = spawnSync(
      'nvim',
      ['--headless', '-n', '-i', 'NONE', '-u', init, file, '-c', `luafile ${script}`],
      {
        cwd: ws,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          PATH: `${bin}${path.delimiter}${process.env.PATH}`,
          HOME: home,
          XDG_CONFIG_HOME: path.join(home, 'config'),
          XDG_DATA_HOME: path.join(home, 'data'),
          XDG_STATE_HOME: path.join(home, 'state'),
          XDG_CACHE_HOME: path.join(home, 'cache'),
          SPECWRIGHT_ROOT: ws,
          SPECWRIGHT_FILES: String(files),
          SPECWRIGHT_OUT: out,
        },
      },
    );
    if (r.error) throw r.error;
    const lines = fs.existsSync(out)
      ? fs
          .readFileSync(out, 'utf8')
          .split('\n')
          .filter(l => l !== '')
      : [];
    assert.equal(
      r.status,
      0,
      `nvim exited ${r.status} (${r.signal ?? 'no signal'}); wrote ${JSON.stringify(lines)}; stderr: ${r.stderr}`,
    );
    return lines;
  }

  const expected = [
    'epics/checkout.epic.yaml:3:10 ERROR unresolved-link R-2099.9 is not defined in this workspace',
    'prds/checkout.prd.yaml:9:13 WARN missing-acceptance REQ-1 is approved but has no acceptance criteria',
  ];

  it("starts the server for an opened epic: its error, and the warning of a PRD never opened, with the workspace's .specwright.yaml", () => {
    // .specwright.yaml marks the root and turns `uncovered` off (REQ-1 has no story).
    const ws = workspace('with-config', w =>
      fs.writeFileSync(path.join(w, '.specwright.yaml'), 'rules:\n  uncovered: off\n'),
    );
    assert.deepEqual(diagnosticsInNeovim(ws, 'epics/checkout.epic.yaml', 2), expected);
  });

  it('without .specwright.yaml, the git repository is the workspace (default rules: REQ-1 is also uncovered)', () => {
    const ws = workspace('git-only', w => fs.mkdirSync(path.join(w, '.git')));
    assert.deepEqual(
      diagnosticsInNeovim(ws, 'epics/checkout.epic.yaml', 2),
      [
        expected[0],
        expected[1],
        'prds/checkout.prd.yaml:5:9 INFO uncovered REQ-1 is approved but no story implements it',
      ].sort(),
    );
  });
});
