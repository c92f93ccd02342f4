import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crossChecks, localChecks } from '../../server/src/core/checks/registry';
import {
  allCodes,
  codeInfo,
  codeTable,
  defaultSeverity,
  DiagnosticCode,
  ruleSettings,
} from '../../server/src/core/codes';
import { severityOf } from '../../server/src/core/config';
import {
  docsTableRows,
  docsTableSpan,
  genCodesCommand,
  rulesSettingProperties,
  withDocsTable,
  withRulesSetting,
} from '../../.ci/genCodes';

const repoRoot = path.join(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

/** Every .ts file under a folder of the repository. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

const camel = (code: string) => code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe('the table of diagnostic codes (core/codes.ts)', () => {
  it('has each code once, keyed by its name in camelCase, in the order of docs/format.md', () => {
    const codes = codeTable.map(c => c.code);
    assert.deepEqual(codes, [
      'yaml-syntax',
      'schema',
      'kind-mismatch',
      'duplicate-id',
      'unresolved-link',
      'link-kind',
      'dependency-cycle',
      'date-order',
      'status-rollup',
      'schedule-conflict',
      'priority-inversion',
      'missing-acceptance',
      'uncovered',
      'orphan',
      'suppression-reason',
      'unused-suppression',
      'coverage-threshold',
      'untrusted-workspace',
      'suspect-link',
      'unreviewed-link',
      'unverified',
      'failing-test',
      'internal-error',
    ]);
    assert.deepEqual(
      Object.entries(DiagnosticCode),
      codes.map(c => [camel(c), c]),
    );
    for (const c of codeTable) assert.equal(codeInfo(c.code), c);
    assert.equal(codeInfo('no-such-code'), undefined);
  });

  it("keeps format 1.0's and 1.1's default severities (../shared/spec/format.md)", () => {
    assert.deepEqual(defaultSeverity, {
      'yaml-syntax': 'error',
      schema: 'error',
      'kind-mismatch': 'error',
      'duplicate-id': 'error',
      'unresolved-link': 'error',
      'link-kind': 'error',
      'dependency-cycle': 'error',
      'date-order': 'error',
      'status-rollup': 'warning',
      'schedule-conflict': 'warning',
      'priority-inversion': 'warning',
      'missing-acceptance': 'warning',
      uncovered: 'info',
      orphan: 'info',
      'suppression-reason': 'warning',
      'unused-suppression': 'warning',
      'coverage-threshold': 'error',
      'untrusted-workspace': 'info',
      'suspect-link': 'warning',
      'unreviewed-link': 'info',
      unverified: 'info',
      'failing-test': 'warning',
      'internal-error': 'error',
    });
    // A workspace without rules gets the table's severity for every code.
    for (const c of codeTable) assert.equal(severityOf(c.code, { rules: {} }), c.severity, c.code);
  });

  it('lets a workspace configure every code but internal-error', () => {
    assert.deepEqual(
      allCodes,
      codeTable.map(c => c.code).filter(c => c !== 'internal-error'),
    );
    assert.deepEqual(
      codeTable.filter(c => c.internal).map(c => c.code),
      ['internal-error'],
    );
  });

  it('gives every code a summary, one or two sentences of help, and a SARIF rule of its own', () => {
    const names = new Set<string>();
    for (const c of codeTable) {
      assert.match(c.summary, /^[a-z`S][^\n]*[^.]$/, `${c.code}: a lower-case phrase without a final period`);
      assert.match(c.help, /^[A-Zda-z][^\n]*\.$/, `${c.code}: help is plain sentences`);
      const sentences = c.help.match(/[.?!](?=\s|$)/g) ?? [];
      assert.ok(
        sentences.length >= 1 && sentences.length <= 2,
        `${c.code}: help has ${sentences.length} sentences`,
      );
      assert.match(c.sarif.name, /^([A-Z][a-z]+)+$/, `${c.code}: SARIF name in Pascal case`);
      assert.ok(!names.has(c.sarif.name), `${c.code}: SARIF name ${c.sarif.name} is used twice`);
      names.add(c.sarif.name);
      assert.match(
        c.sarif.shortDescription,
        /^[A-Zd].{10,}\.$/,
        `${c.code}: SARIF shortDescription is a sentence`,
      );
      assert.equal(c.sarif.helpUri, undefined, 'no helpUri while the project has no public home');
    }
  });

  it('has every code that a registered check emits', () => {
    const checks = [...localChecks, ...crossChecks].map(c => c.code);
    assert.equal(checks.length, 11);
    for (const code of checks) assert.ok(codeInfo(code), `check code ${code} is not in core/codes.ts`);
  });

  it('has every code that the sources name as a literal (code: "…", code === "…")', () => {
    // The checks name codes as DiagnosticCode.x, which the compiler holds to the table; this finds the rest.
    // Codes are lower-case words joined by "-": Node's error codes (ENOENT) and Ajv's option (linearRegExp) are not,
    // and `typeof e.code === 'string'` tests a type, not a code.
    const literal = /(?<!typeof\s+[\w.]*)\bcode\s*(?::|===|!==)\s*(['"])([a-z]+(?:-[a-z]+)*)\1/g;
    const found = new Map<string, string>();
    for (const file of [...sources('server/src'), ...sources('client/src')]) {
      if (file === path.join('server/src/core/codes.ts')) continue;
      for (const m of read(file).matchAll(literal)) found.set(m[2], file);
    }
    assert.ok(
      found.has('unresolved-link'),
      'the scan finds the literal in cli/checkCommand.ts (it can fail)',
    );
    for (const [code, file] of found) {
      assert.ok(codeInfo(code), `${file} names code ${code}, which is not in core/codes.ts`);
    }
  });
});

describe('what derives from the table of codes', () => {
  it(`package.json's specwright.rules setting lists every configurable code with its summary (else: ${genCodesCommand})`, () => {
    const text = read('package.json');
    const manifest = JSON.parse(text) as {
      contributes: {
        configuration: { properties: Record<string, { properties: unknown; additionalProperties: unknown }> };
      };
    };
    const rules = manifest.contributes.configuration.properties['specwright.rules'];
    assert.deepEqual(
      rules.properties,
      rulesSettingProperties(),
      `package.json's specwright.rules differs from server/src/core/codes.ts: run \`${genCodesCommand}\``,
    );
    assert.equal(withRulesSetting(text), text, `run \`${genCodesCommand}\``);
    assert.equal(rules.additionalProperties, false);
    assert.deepEqual(Object.keys(rulesSettingProperties()), allCodes);
    assert.deepEqual(rulesSettingProperties().orphan, {
      type: 'string',
      enum: [...ruleSettings],
      markdownDescription: 'An epic has no release, or a PRD has no epic. Default: `info`.',
    });
  });

  it(`docs/format.md's codes table lists every code with its default severity and summary (else: ${genCodesCommand})`, () => {
    const text = read('docs/format.md');
    const lines = text.split('\n');
    const { start, end } = docsTableSpan(lines);
    const rows = lines.slice(start + 2, end).map(l => {
      const m = /^\| `([a-z-]+)` *\| (\w+) *\| (.*) \|$/.exec(l);
      assert.ok(m, `a row of docs/format.md's codes table: ${l}`);
      return { code: m[1], severity: m[2], summary: m[3] };
    });
    assert.deepEqual(
      rows,
      codeTable.map(c => ({ code: c.code, severity: c.severity, summary: c.summary })),
      `docs/format.md's codes table differs from server/src/core/codes.ts: run \`${genCodesCommand}\``,
    );
    assert.deepEqual(lines.slice(start, end), docsTableRows());
    assert.equal(withDocsTable(text), text, `run \`${genCodesCommand}\``);
  });

  it('docs/format.md has a section "### `code` (severity)" for every code, in table order', () => {
    const text = read('docs/format.md');
    const from = text.indexOf('\n## Diagnostics\n');
    const to = text.indexOf('\n## ', from + 1);
    const sections = [...text.slice(from, to).matchAll(/^### `([a-z-]+)` \((\w+)\)$/gm)].map(m => [
      m[1],
      m[2],
    ]);
    assert.deepEqual(
      sections,
      codeTable.map(c => [c.code, c.severity]),
      'write (or move) the code\'s section under "## Diagnostics" in docs/format.md',
    );
  });

  it('the generators refuse a file without the place they write, instead of writing it elsewhere', () => {
    assert.throws(() => withDocsTable('# no diagnostics here\n'), /no "## Diagnostics" section/);
    assert.throws(() => withDocsTable('## Diagnostics\n\nno table\n'), /no table starting/);
    assert.throws(
      () => withRulesSetting(JSON.stringify({ contributes: { configuration: { properties: {} } } })),
      /specwright\.rules/,
    );
  });
});
