/**
 * Issue #12, Markdown injection, against the running server (trusted and
 * untrusted alike): a hover card shows repository text (title, status,
 * owner, a persona's name), and none of it may become a live link, an image
 * (a tracking beacon), raw HTML or a broken code span; titles stay on one
 * line. The tree views' tooltips are these same hover cards.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

const beacon = '![beacon](https://attacker.example/p.png)';

/** Markup that Markdown would render live, left unescaped. */
function liveMarkup(md: string): string[] {
  const found: string[] = [];
  // Drop the escaped characters and the (safe) code spans, then look at what is left.
  const bare = md.replace(/\\[\s\S]/g, '').replace(/(`+)[\s\S]*?\1/g, '');
  for (const [name, re] of [
    ['image', /!\[/],
    ['link', /\]\(/],
    ['html', /<[a-z!/]/i],
    ['autolink', /https?:\/\//],
    ['backtick', /`/],
  ] as const) {
    if (re.test(bare)) found.push(name);
  }
  return found;
}

describe('protocol: Markdown from repository text is escaped (issue #12)', function () {
  this.timeout(60_000);
  let base: string;
  let client: LspClient | undefined;
  afterEach(() => {
    client?.dispose();
    client = undefined;
    fs.rmSync(base, { recursive: true, force: true });
  });

  for (const trusted of [true, false]) {
    it(`hover cards show a hostile title, status and owner as text (${trusted ? 'trusted' : 'untrusted'})`, async () => {
      base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-secout-')));
      const epic = path.join(base, 'x.epic.yaml');
      fs.writeFileSync(
        epic,
        [
          'id: EPIC-1',
          `title: "Pay <img src=x onerror=alert(1)>\\nsecond line ${beacon}"`,
          `status: "draft\` ${beacon} \`"`,
          `owner: "[click](https://attacker.example) <b>x</b> https://attacker.example/y"`,
          'release: R-1',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(
        path.join(base, 'r.roadmap.yaml'),
        'id: RM-1\ntitle: R\nreleases:\n  - id: R-1\n    title: "One ![b](https://attacker.example/r.png)"\n',
      );
      const uri = pathToFileURL(epic).href;
      client = await LspClient.start({
        folders: [pathToFileURL(base).href],
        initializationOptions: { settings: {}, trusted },
      });
      await client.waitForDiagnostics(uri);
      const hover = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 5 },
      });
      const md = (hover.contents as { value: string }).value;
      // The last paragraph is the card's own link to the definition.
      const paragraphs = md.split('\n\n');
      assert.deepEqual(liveMarkup(paragraphs.slice(0, -1).join('\n\n')), [], md);
      assert.equal(paragraphs[paragraphs.length - 1], `[x.epic.yaml:1](${uri}#L1)`);
      const [head] = md.split('\n\n');
      assert.equal(
        head,
        '**Epic EPIC-1** — Pay \\<img src=x onerror=alert(1)\\> second line \\!\\[beacon\\](https\\://attacker.example/p.png)',
      );
      assert.match(md, /status `` draft` !\[beacon\]\(https:\/\/attacker\.example\/p\.png\) ` ``/);
      assert.match(
        md,
        /owner \\\[click\\\]\(https\\:\/\/attacker\.example\) \\<b\\>x\\<\/b\\> https\\:\/\/attacker\.example\/y/,
      );
      assert.match(md, /Release `R-1` One \\!\\\[b\\\]\(https\\:\/\/attacker\.example\/r\.png\)/);
    });
  }
});
