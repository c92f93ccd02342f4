/**
 * Hostile spec files, shared by the core's reliability tests
 * (test/unit/reliability/hostileInputs.test.ts) and the server's
 * (test/protocol/hostile*.test.ts): each the content of one file and what
 * Specwright must say about it. Generated, so nothing large is checked in.
 */

import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export type Content = string | Uint8Array;

export interface Hostile {
  /** File name (its suffix decides the kind). */
  name: string;
  content: () => Content;
  /**
   * Findings the file must have, as [code, message] (message: exact string
   * or pattern), in source order among themselves; other findings may come too.
   */
  expect: [string, string | RegExp][];
  /** Codes the file must not have (beyond internal-error, which none may have). */
  never?: string[];
  /** Bytes, not text: an editor would not hold it as this content, so it is tested from disk only. */
  bytes?: true;
}

export const tooDeep =
  'the file is nested too deeply to read as YAML (more than 100 levels); spec files need only a few levels of nesting';
export const tooManyAliases =
  'too many alias expansions (more than 200); spec files should not need YAML aliases';
export const recursiveAlias =
  'this alias refers to a node that contains it; spec files cannot hold recursive structures';
export const tooManyTokens =
  'the file is too large to check: it has more than 200,000 YAML tokens (keys, values and punctuation); split it into smaller files';
export const binaryMessage = 'file is binary, not YAML text (it contains NUL bytes)';
export const invalidUtf8 = 'file is not valid UTF-8 text';
export const conflictMarkers =
  'the file has git conflict markers; until the conflict is resolved, only the first side of each conflict (above "=======") is read';
export const tooLarge = (mb: number) => `file is too large to check (${mb} MB; the limit is 8 MB)`;

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const epic = (...rest: string[]): string => lines('id: EPIC-1', 'title: Hostile', ...rest, 'release: R-404');

/** Billion laughs: ten levels of nine aliases each. */
export function aliasBomb(): string {
  const names = 'abcdefghij';
  const out = [
    'id: EPIC-1',
    'title: Laughs',
    'x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ];
  for (let i = 1; i < names.length; i++)
    out.push(
      `x-${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`,
    );
  out.push('acceptance_criteria: *j', 'release: R-404');
  return lines(...out);
}

export const recursiveAnchor = (): string =>
  lines('id: EPIC-1', 'title: Loop', 'release: &r [*r]', 'x-loop: &l {next: *l}', 'goals: [G-404]');

/**
 * 5,000 levels. Flow nesting is cut at 100 and the rest of the file is read;
 * block nesting past 1,024 levels is not read at all (one finding where the limit was passed).
 */
export const deepFlowLists = (): string => epic(`x-deep: ${'['.repeat(5000)}${']'.repeat(5000)}`);
export const deepFlowMaps = (): string => epic(`x-deep: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`);
export const deepBlockLists = (): string => epic('x-deep:', `${'- '.repeat(5000)}x`);

/** A mapping with 20,000 keys (unknown ones: each read key is a schema finding). */
export const wideMap = (): string =>
  epic(Array.from({ length: 20_000 }, (_, i) => `key${i}: value ${i}`).join('\n'));
export const wideMessage =
  'this mapping has 20,003 keys; only the first 1,000 are read (an item needs a few dozen at most)';

/** A 50 MiB scalar. */
export const hugeScalar = (): string =>
  lines('id: EPIC-1', 'title: Huge', `description: ${'a'.repeat(50 * 1024 * 1024)}`);

/** A list of 300,000 items. */
export const longList = (): string =>
  epic('x-list:\n' + Array.from({ length: 300_000 }, (_, i) => `  - item ${i}`).join('\n'));

/** A PNG's first bytes (NULs among them). */
export const png = (): Uint8Array =>
  Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x69, 0x64, 0x3a,
  ]);
export const nulText = (): string => 'id: EPIC-1\ntitle: T\u0000T\nrelease: R-404\n';
export const invalidUtf8Bytes = (): Uint8Array =>
  Uint8Array.from([...Buffer.from('id: EPIC-1\ntitle: '), 0xc3, 0x28, 0xff, 0x0a]);

/** UTF-16 (with a BOM; little- or big-endian), or without a BOM (then it is NUL-laden, so binary). */
export function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const bytes = new Uint8Array(Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le'));
  if (endian === 'be')
    for (let i = 0; i + 1 < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1], bytes[i]];
  return bytes;
}

/** BOM, CRLF and emoji; `positions` lists where the findings must be, in UTF-16 units of the text after the BOM. */
export const emojiText =
  [
    'id: PRD-1',
    'title: "🧺 Basket — checkout 🚀"',
    'epic: EPIC-404',
    'requirements:',
    '  - { title: "👩‍👩‍👧 family", id: REQ-1, statement: s, priority: must, status: done, depends_on: [REQ-404] }',
    '  - id: REQ-2 # 🚀 launch',
    '    title: "🚀"',
    '    statement: 😀',
    '    priority: must',
    '    depends_on: [🚀REQ-1]',
  ].join('\r\n') + '\r\n';
export const emojiFindings: [string, [number, number, number, number], string][] = [
  ['unresolved-link', [2, 6, 2, 14], 'EPIC-404 is not defined in this workspace'],
  ['uncovered', [4, 36, 4, 41], 'REQ-1 is done but no story implements it'],
  ['missing-acceptance', [4, 81, 4, 85], 'REQ-1 is done but has no acceptance criteria'],
  ['unresolved-link', [4, 100, 4, 107], 'REQ-404 is not defined in this workspace'],
  // `🚀REQ-1` (line 9) is not an ID: the schema's finding alone (one problem, one finding).
];

/** A PRD in the middle of a merge: both sides define REQ-1 and REQ-2; theirs also REQ-3. */
export const conflicted = (): string =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'epic: EPIC-1',
    'requirements:',
    '<<<<<<< HEAD',
    '  - {id: REQ-1, title: Saved cards, statement: s, priority: must}',
    '  - {id: REQ-2, title: One page, statement: s, priority: should}',
    '=======',
    '  - {id: REQ-1, title: Saved cards (v2), statement: s, priority: must}',
    '  - {id: REQ-2, title: One page, statement: s, priority: could}',
    '  - {id: REQ-3, title: Wallet, statement: s, priority: could}',
    '>>>>>>> feature/wallet',
  );

export const duplicateKeys = (): string =>
  lines('id: EPIC-1', 'title: A', 'release: R-404', 'title: B', 'x-m: {k: 1, k: 2}', 'id: EPIC-2');

export const protoKeys = (): string =>
  lines(
    'id: EPIC-1',
    'title: T',
    'release: R-404',
    '__proto__:',
    '  polluted: yes',
    '  status: done',
    'constructor: {prototype: {polluted: yes}}',
    'toString: [EPIC-8]',
  );

/** Values YAML 1.1 would read differently; Specwright reads YAML 1.2 (core schema). */
export const yaml11 = (): string =>
  lines(
    'id: IT-1',
    'title: no', // 1.2: the string "no" (1.1: false)
    'release: NO', // a string, so an ID-shaped link (unresolved)
    'start: 2026-01-05', // a string in YYYY-MM-DD form (1.1: a timestamp)
    'end: 20260213', // a number: not a date
    'stories:',
    '  - id: ST-1',
    '    title: off', // the string "off"
    '    implements: [REQ-1]',
    '    estimate: 0755', // 755 (1.1: octal 493)
    '  - id: 1.10', // the number 1.1, not an ID
    '    title: yes',
    '    implements: [REQ-1]',
    '  - id: ST-3',
    '    title: ~', // null, not a string
    '    implements: [REQ-1]',
    '    estimate: 1_000', // the string "1_000" (1.1: 1000)
    '    status: True', // the boolean true
  );

export const selfLinks = (): string =>
  lines(
    'id: IT-1',
    'title: T',
    'stories:',
    '  - id: ST-1',
    '    title: t',
    '    implements: [ST-1]',
    '    depends_on: [ST-1]',
    '    related: [ST-1]',
  );
export const tabs = (): string =>
  lines('id: EPIC-1', 'title: "a\tb"', 'release: R-404', 'goals:', '\t- G-1', 'x-note: tab\there');
export const multiDocument = (): string =>
  lines('---', 'id: EPIC-1', 'title: A', 'release: R-404', '---', 'id: EPIC-2', 'title: B', '...');

/** 40,000 uses of one anchor. */
export const manyAliases = (): string =>
  epic('x-a: &a [1, 2]', `x-b: [${Array(40_000).fill('*a').join(', ')}]`);

/** One ID defined 1,000 times (uncapped related lists would hold a million entries) in one file. */
export const sameIdEverywhere = (): string =>
  lines(
    'id: IT-1',
    'title: T',
    'stories:',
    Array(1000).fill('  - {id: ST-1, title: t, implements: [REQ-404]}').join('\n'),
  );

/** A realistic PRD of about `bytes` bytes (prose-heavy), with its requirement count. */
export function bigPrd(bytes = 2 * 1024 * 1024): { text: string; requirements: number } {
  const parts = [
    lines(
      'id: PRD-BIG',
      'title: Checkout, end to end',
      'epic: EPIC-1',
      'status: in-progress',
      'owner: Lena',
      'problem: |',
      '  Shoppers abandon their baskets at checkout.',
      'requirements:',
    ),
  ];
  let size = parts[0].length;
  let i = 0;
  while (size < bytes) {
    const r = lines(
      `  - id: REQ-${i}`,
      `    title: Requirement ${i} of the checkout flow`,
      `    statement: The shopper can complete step ${i} without leaving the page.`,
      `    priority: ${['must', 'should', 'could'][i % 3]}`,
      `    status: ${['draft', 'approved', 'in-progress', 'review'][i % 4]}`,
      '    rationale: >',
      '      Every extra page costs conversions; measured in the 2025 study.',
      '    description: |',
      ...Array.from(
        { length: 14 },
        (_, k) =>
          `      Paragraph line ${k}: shoppers who leave to find their card rarely come back, so we keep the flow on one page.`,
      ),
      '    acceptance_criteria:',
      `      - Step ${i} works with a saved card`,
      `      - Step ${i} works with a new card`,
      '      - Errors are shown inline',
      ...(i > 0 ? [`    depends_on: [REQ-${i - 1}]`] : []),
    );
    parts.push(r);
    size += r.length;
    i++;
  }
  return { text: parts.join(''), requirements: i };
}

/**
 * A dependency cycle through `n` requirements spread over `files` PRDs
 * (REQ-k depends on REQ-k+1, the last on REQ-0), as file name → text.
 */
export function bigCycle(n = 100_000, files = 100): Map<string, string> {
  const out = new Map<string, string>();
  const per = n / files;
  for (let f = 0; f < files; f++) {
    const reqs: string[] = [];
    for (let i = 0; i < per; i++) {
      const k = f * per + i;
      reqs.push(
        `  - {id: REQ-${k}, title: t, statement: s, priority: must, depends_on: [REQ-${(k + 1) % n}]}`,
      );
    }
    out.set(
      `cycle/p${String(f).padStart(3, '0')}.prd.yaml`,
      lines(`id: PRD-${f}`, 'title: T', 'epic: EPIC-1', 'requirements:', ...reqs),
    );
  }
  return out;
}

/** Every single-file hostile input, with what must be said about it. */
export const corpus: Hostile[] = [
  {
    name: 'bomb.epic.yaml',
    content: aliasBomb,
    expect: [
      ['yaml-syntax', tooManyAliases],
      ['unresolved-link', 'R-404 is not defined in this workspace'],
    ],
  },
  {
    name: 'recursive.epic.yaml',
    content: recursiveAnchor,
    expect: [
      ['yaml-syntax', recursiveAlias],
      ['yaml-syntax', recursiveAlias],
      ['unresolved-link', 'G-404 is not defined in this workspace'],
    ],
  },
  {
    name: 'deep-flow.epic.yaml',
    content: deepFlowLists,
    expect: [
      ['yaml-syntax', tooDeep],
      ['unresolved-link', 'R-404 is not defined in this workspace'],
    ],
  },
  {
    name: 'deep-maps.epic.yaml',
    content: deepFlowMaps,
    expect: [
      ['yaml-syntax', tooDeep],
      ['unresolved-link', 'R-404 is not defined in this workspace'],
    ],
  },
  {
    name: 'deep-dashes.epic.yaml',
    content: deepBlockLists,
    expect: [['yaml-syntax', tooDeep]],
    never: ['unresolved-link'],
  },
  {
    name: 'wide.epic.yaml',
    content: wideMap,
    expect: [
      ['schema', /^unknown key "key0"/],
      ['yaml-syntax', wideMessage],
    ],
    never: ['unresolved-link'],
  },
  { name: 'huge.epic.yaml', content: hugeScalar, expect: [['yaml-syntax', tooLarge(50)]] },
  { name: 'long.epic.yaml', content: longList, expect: [['yaml-syntax', tooManyTokens]] },
  { name: 'png.epic.yaml', content: png, bytes: true, expect: [['yaml-syntax', binaryMessage]] },
  { name: 'nul.epic.yaml', content: nulText, expect: [['yaml-syntax', binaryMessage]] },
  {
    name: 'utf16le.epic.yaml',
    content: () => utf16(epic(), 'le'),
    bytes: true,
    expect: [['unresolved-link', 'R-404 is not defined in this workspace']],
  },
  {
    name: 'utf16be.epic.yaml',
    content: () => utf16(epic(), 'be'),
    bytes: true,
    expect: [['unresolved-link', 'R-404 is not defined in this workspace']],
  },
  {
    name: 'utf16-nobom.epic.yaml',
    content: () => utf16(epic(), 'le', false),
    bytes: true,
    expect: [['yaml-syntax', binaryMessage]],
  },
  {
    name: 'latin1.epic.yaml',
    content: invalidUtf8Bytes,
    bytes: true,
    expect: [['yaml-syntax', invalidUtf8]],
  },
  {
    name: 'conflict.prd.yaml',
    content: conflicted,
    expect: [['yaml-syntax', conflictMarkers]],
    never: ['schema', 'duplicate-id'],
  },
  {
    name: 'dupkeys.epic.yaml',
    content: duplicateKeys,
    expect: [
      ['yaml-syntax', 'Map keys must be unique'],
      ['yaml-syntax', 'Map keys must be unique'],
      ['yaml-syntax', 'Map keys must be unique'],
    ],
  },
  {
    name: 'proto.epic.yaml',
    content: protoKeys,
    expect: [
      ['schema', /^unknown key "__proto__"/],
      ['schema', /^unknown key "constructor"/],
      ['schema', /^unknown key "toString"/],
    ],
    never: ['status-rollup'],
  },
  {
    name: 'yaml11.stories.yaml',
    content: yaml11,
    expect: [
      [
        'schema',
        '"NO" is not a valid ID (IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes)',
      ],
      ['schema', 'end must be a date written YYYY-MM-DD (got a number)'],
      ['schema', 'id must be an ID (got a number)'],
      ['schema', 'title must be a string (got nothing)'],
      ['schema', 'estimate must be a number (got a string)'],
      ['schema', 'status must be a string (got true)'],
    ],
  },
  {
    name: 'self.stories.yaml',
    content: selfLinks,
    expect: [
      ['link-kind', 'implements must name a requirement, but ST-1 is a story'],
      ['dependency-cycle', 'ST-1 depends on itself'],
    ],
  },
  {
    name: 'tabs.epic.yaml',
    content: tabs,
    expect: [['yaml-syntax', 'a tab used as indentation (YAML allows only spaces there): read as 2 spaces']],
  },
  {
    name: 'multi.epic.yaml',
    content: multiDocument,
    expect: [
      [
        'yaml-syntax',
        'a spec file holds one YAML document; this is a second one (remove the "---" or move it to its own file)',
      ],
    ],
  },
  {
    name: 'empty.epic.yaml',
    content: () => '',
    expect: [['schema', 'the file is empty; an epic file needs at least "id" and "title"']],
  },
  { name: 'aliases.epic.yaml', content: manyAliases, expect: [['yaml-syntax', tooManyAliases]] },
  {
    name: 'sameid.stories.yaml',
    content: sameIdEverywhere,
    expect: [['duplicate-id', 'ST-1 is defined 1000 times; IDs must be unique in the workspace']],
  },
];

/** What the checks need of a diagnostic: the core's and LSP's both fit. */
export interface CodeAndMessage {
  code?: string | number;
  message: string;
}

/** The expected findings appear in this order (others may come between them); no internal error, none of `never`. */
export function assertExpected(h: Hostile, diags: readonly CodeAndMessage[], where: string): void {
  let from = 0;
  for (const [code, message] of h.expect) {
    const i = diags.findIndex(
      (d, k) =>
        k >= from &&
        d.code === code &&
        (typeof message === 'string' ? d.message === message : message.test(d.message)),
    );
    assert.ok(
      i >= 0,
      `${where}: no ${code} "${message}" after #${from} in ${JSON.stringify(diags.slice(0, 8).map(d => [d.code, d.message.slice(0, 140)]))}`,
    );
    from = i + 1;
  }
  assert.deepEqual(
    diags.filter(d => d.code === 'internal-error').map(d => d.message),
    [],
    where,
  );
  for (const code of h.never ?? [])
    assert.deepEqual(
      diags.filter(d => d.code === code).map(d => d.message),
      [],
      `${where}: no ${code}`,
    );
}

/** A fresh, empty folder; its files' digests can be compared before and after. */
export class Scratch {
  readonly dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'specwright-hostile-'));

  uri(relative = ''): string {
    return pathToFileURL(relative ? path.join(this.dir, relative) : this.dir).href;
  }

  write(relative: string, content: Content): string {
    const full = path.join(this.dir, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    return this.uri(relative);
  }

  /** sha256 of every file, by relative path. */
  digests(): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else
          out[path.relative(this.dir, full)] = createHash('sha256')
            .update(fs.readFileSync(full))
            .digest('hex');
      }
    };
    walk(this.dir);
    return out;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
