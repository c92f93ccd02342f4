import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol/node';
import { applyWorkspaceEdit, OpenDocument, quickFixes, type Session } from './featureFixture';
import { LspClient, repoRoot } from './lspClient';
import { TempWorkspace } from './tempWorkspace';

/** The example workspace's deliberate findings in spec files (examples/README.md), in the order the README's walkthrough fixes them. */
const deliberate: { file: string; code: string }[] = [
  { file: 'iterations/2026-s02.stories.yaml', code: 'unresolved-link' },
  { file: 'epics/smart-substitutions.epic.yaml', code: 'schedule-conflict' },
  { file: 'prds/express-checkout.prd.yaml', code: 'status-rollup' },
  { file: 'prds/smart-substitutions.prd.yaml', code: 'priority-inversion' },
  { file: 'prds/smart-substitutions.prd.yaml', code: 'missing-acceptance' },
  { file: 'prds/smart-substitutions.prd.yaml', code: 'uncovered' },
];

/**
 * The deliberate finding that no quick fix removes: REQ-103's test fails in
 * examples/test-results/junit.xml, and what fixes it is the code and a new
 * test run, not the spec (README: "the seventh finding").
 */
const inCode = ['prds/express-checkout.prd.yaml failing-test'];

/** What the walkthrough types over the placeholder a fix selects (README: "type over the selected placeholder"). */
const typed: Record<string, string> = {
  'missing-acceptance': 'A shopper sees the substitute before the order is packed',
  uncovered: 'See my substitutes before packing',
};

/** A finding that asks for a review (the example keeps review stamps). */
const isReview = (f: string): boolean => /(^| )(suspect-link|unreviewed-link)$/.test(f);

function specFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...specFiles(dir, r));
    else if (/\.(vision|roadmap|epic|prd|stories)\.yaml$/.test(e.name)) out.push(r);
  }
  return out;
}

/**
 * "Done means: a product manager fixes every deliberate finding with the
 * quick-fix menu alone" (issue 14): on a copy of examples/, the preferred
 * fix of each deliberate finding removes it and adds none but the reviews its
 * change asks for (issue 15), which the review quick fixes clear, until
 * nothing is left.
 */
describe('protocol: the README walkthrough fixes the six spec findings of the example with quick fixes', () => {
  it('applies one quick fix per finding and ends with only the failing test left, which no quick fix hides', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'specwright-walkthrough-'));
    fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
    const ws = Object.assign(Object.create(TempWorkspace.prototype), { dir }) as TempWorkspace;
    const uri = (r: string) => pathToFileURL(path.join(dir, r)).href;
    const client = await LspClient.start({ folders: [uri('')] });
    const session: Session = { ws, client, uri };
    const files = specFiles(dir);
    try {
      for (const f of files) await client.waitForDiagnostics(uri(f));
      const findings = (): string[] =>
        files.flatMap(f => (client.latest(uri(f))?.diagnostics ?? []).map(d => `${f} ${d.code}`)).sort();
      assert.deepStrictEqual(findings(), [...deliberate.map(d => `${d.file} ${d.code}`), ...inCode].sort());
      const open = new Map<string, OpenDocument>();
      for (const [i, { file, code }] of deliberate.entries()) {
        let doc = open.get(file);
        if (!doc)
          open.set(
            file,
            (doc = new OpenDocument(client, uri(file), fs.readFileSync(path.join(dir, file), 'utf8'))),
          );
        const published: PublishDiagnosticsParams = await doc.published(p =>
          p.diagnostics.some(d => d.code === code),
        );
        const finding: Diagnostic = published.diagnostics.find(d => d.code === code)!;
        const actions = await quickFixes(client, doc.uri, finding);
        const fix = actions.find(a => a.isPreferred) ?? actions[0];
        assert.ok(fix, `no quick fix for ${code}`);
        await applyWorkspaceEdit(session, fix.edit!, [...open.values()]);
        // A fix that selects a placeholder leaves the user typing over it (the README says what).
        const selected = fix.command?.arguments as [string, Range] | undefined;
        if (selected && typed[code]) {
          const target = [...open.values()].find(d => d.uri === selected[0]);
          assert.ok(target, `the placeholder of "${fix.title}" is in an open document`);
          target.edit([{ range: selected[1], newText: typed[code] }]);
        }
        const left = [...deliberate.slice(i + 1).map(d => `${d.file} ${d.code}`), ...inCode].sort();
        // examples/ keeps review stamps: a fix that changes an item's content or adds a
        // link leaves the links it touched to review; "Mark all N links to … reviewed"
        // (else "Mark … reviewed against …") clears them, one target at a time.
        for (let round = 0; round < 20; round++) {
          await client.waitFor(
            `the other findings after "${fix.title}"`,
            () =>
              JSON.stringify(findings().filter(f => !isReview(f))) === JSON.stringify(left)
                ? true
                : undefined,
            undefined,
            () => findings().join('\n'),
          );
          const review = files
            .flatMap(f => (client.latest(uri(f))?.diagnostics ?? []).map(d => ({ f, d })))
            .find(({ d }) => isReview(String(d.code)));
          if (!review) break;
          const reviewFixes = await quickFixes(client, uri(review.f), review.d);
          const stamp = reviewFixes.find(a => a.title.startsWith('Mark all')) ?? reviewFixes[0];
          assert.match(
            stamp?.title ?? '',
            /^Mark /,
            `no review fix for ${review.f}: ${JSON.stringify(review.d.message)}`,
          );
          await applyWorkspaceEdit(session, stamp.edit!, [...open.values()]);
        }
        await client.waitFor(
          `only ${left.length} findings after "${fix.title}"`,
          () => (JSON.stringify(findings()) === JSON.stringify(left) ? true : undefined),
          undefined,
          () => findings().join('\n'),
        );
      }
    } finally {
      client.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
