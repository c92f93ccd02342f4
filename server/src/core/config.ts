import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { allCodes, defaultSeverity, DiagnosticCode } from './codes';
import { closest } from './text/closest';
import { LineMap } from './parse/sourceText';
import { nodeRange } from './parse/extract';
import type { Finding, Severity } from './types';

export const configFileName = '.specwright.yaml';

export type RuleSetting = Severity | 'off';

/** A workspace's `.specwright.yaml`, normalised. */
export interface SpecConfig {
  rules: Record<string, RuleSetting>;
}

export const defaultConfig: SpecConfig = { rules: {} };

const settings: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

/**
 * Read `.specwright.yaml`. Problems become findings on the config file (code
 * `schema`); whatever is valid in it still applies.
 */
export function parseConfig(text: string): { config: SpecConfig; problems: Finding[] } {
  const lines = new LineMap(text);
  const problems: Finding[] = [];
  const rules: Record<string, RuleSetting> = {};
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    problems.push({ code: DiagnosticCode.yamlSyntax, range: lines.range(e.pos[0], e.pos[1]), message: e.message.split('\n')[0] });
  }
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { config: { rules }, problems };
  if (!isMap(root)) {
    problems.push({ code: DiagnosticCode.schema, range: root.range ? nodeRange(lines, root) : lines.range(0, 0), message: 'the configuration must be a mapping of keys (rules: ...)' });
    return { config: { rules }, problems };
  }
  for (const pair of root.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : '';
    if (name === 'rules') {
      readRules(pair.value as Node | null, lines, rules, problems);
    } else if (!name.startsWith('x-') && key?.range) {
      problems.push({ code: DiagnosticCode.schema, range: nodeRange(lines, key), message: `unknown configuration key "${name}" (allowed: rules)` });
    }
  }
  return { config: { rules }, problems };
}

function readRules(node: Node | null, lines: LineMap, rules: Record<string, RuleSetting>, problems: Finding[]): void {
  if (node === null || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) {
    problems.push({ code: DiagnosticCode.schema, range: nodeRange(lines, node), message: 'rules must be a mapping of code: error|warning|info|off' });
    return;
  }
  for (const pair of node.items) {
    const key = pair.key as Node;
    const value = pair.value as Node | null;
    const code = isScalar(key) ? String(key.value) : '';
    if (!allCodes.includes(code)) {
      const guess = closest(code, allCodes);
      problems.push({
        code: DiagnosticCode.schema,
        range: nodeRange(lines, key),
        message: `unknown rule "${code}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
      });
      continue;
    }
    const setting = isScalar(value) ? value.value : undefined;
    if (typeof setting === 'string' && (settings as readonly string[]).includes(setting)) {
      rules[code] = setting as RuleSetting;
    } else {
      // An empty value has a zero-width range after the colon: point at the key instead.
      const empty = !value?.range || value.range[0] === value.range[1];
      problems.push({
        code: DiagnosticCode.schema,
        range: empty ? nodeRange(lines, key) : nodeRange(lines, value),
        message: `rule ${code} must be one of error, warning, info, off (got ${describeValue(value)})`,
      });
    }
  }
}

/** A rule's value as written, for messages: a scalar as JSON, a list or mapping by name. */
function describeValue(node: Node | null): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return JSON.stringify(isScalar(node) ? node.value ?? null : null);
}

/** The severity a code has under a configuration, or 'off'. */
export function severityOf(code: string, config: SpecConfig): RuleSetting {
  return config.rules[code] ?? defaultSeverity[code] ?? 'error';
}
