/**
 * `npm run gen:codes`: writes what package.json and docs/format.md say about
 * the diagnostic codes from their table (server/src/core/codes.ts), which
 * neither file can import: the `specwright.rules` setting's properties and
 * the codes table under "## Diagnostics". test/unit/codes.test.ts fails
 * until this has been run after the table changed. Each code's own section
 * of the docs is prose and written by hand.
 */
import * as path from 'node:path';
import { regenerate } from './regenerate';
import { codeTable, ruleSettings, type CodeInfo } from '../server/src/core/codes';

/** The command that regenerates both files, for messages that ask for it. */
export const genCodesCommand = 'npm run gen:codes';

/** What package.json's `specwright.rules` accepts for one code. */
export interface RuleSettingSchema {
  type: 'string';
  enum: string[];
  markdownDescription: string;
}

/** The codes a workspace configures, as package.json's `specwright.rules` properties (table order). */
export function rulesSettingProperties(): Record<string, RuleSettingSchema> {
  return Object.fromEntries(
    configurable().map(c => [
      c.code,
      {
        type: 'string',
        enum: [...ruleSettings],
        markdownDescription: `${capitalized(c.summary)}. Default: \`${c.severity}\`.`,
      },
    ]),
  );
}

/** package.json's text with `specwright.rules`'s properties from the table; everything else as it was. */
export function withRulesSetting(packageJson: string): string {
  const manifest = JSON.parse(packageJson) as {
    contributes: { configuration: { properties: Record<string, { properties?: unknown }> } };
  };
  const rules = manifest.contributes.configuration.properties['specwright.rules'];
  if (!rules) throw new Error('package.json has no contributes.configuration.properties["specwright.rules"]');
  rules.properties = rulesSettingProperties();
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** One row per code of the docs table: its code, default severity and summary. */
export function docsTableRows(): string[] {
  const rows = [
    ['code', 'default severity', 'in short'],
    ...codeTable.map(c => [`\`${c.code}\``, c.severity, c.summary]),
  ];
  const width = [0, 1].map(i => Math.max(...rows.map(r => r[i].length)));
  const line = (r: string[]) => `| ${r[0].padEnd(width[0])} | ${r[1].padEnd(width[1])} | ${r[2]} |`;
  return [
    line(rows[0]),
    `|${'-'.repeat(width[0] + 2)}|${'-'.repeat(width[1] + 2)}|----------|`,
    ...rows.slice(1).map(line),
  ];
}

/** Where the codes table of docs/format.md is: its lines [start, end), the header included. */
export function docsTableSpan(lines: readonly string[]): { start: number; end: number } {
  const section = lines.indexOf('## Diagnostics');
  if (section < 0) throw new Error('docs/format.md has no "## Diagnostics" section');
  const start = lines.findIndex((l, i) => i > section && /^\| code\s*\|/.test(l));
  if (start < 0) throw new Error('docs/format.md\'s "## Diagnostics" has no table starting "| code |"');
  let end = start;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  return { start, end };
}

/** docs/format.md's text with the codes table from the table; everything else as it was. */
export function withDocsTable(markdown: string): string {
  const lines = markdown.split('\n');
  const { start, end } = docsTableSpan(lines);
  lines.splice(start, end - start, ...docsTableRows());
  return lines.join('\n');
}

function configurable(): CodeInfo[] {
  return codeTable.filter(c => !c.internal);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

if (require.main === module) {
  regenerate(
    'usage: npm run gen:codes [-- --check]\n' +
      "Rewrites package.json's specwright.rules setting and docs/format.md's codes table from server/src/core/codes.ts.",
    [
      ['package.json', withRulesSetting],
      [path.join('docs', 'format.md'), withDocsTable],
    ],
  );
}
