import { ruleSettings } from '../core/codes';
import { refusedRule } from '../core/config';
import type { SpecwrightSettings } from '../protocol';

type RuleSetting = SpecwrightSettings['rules'][string];

/**
 * The client's settings (`initializationOptions.settings`, or the
 * `specwright` section of workspace/didChangeConfiguration), normalised:
 * rules with a severity other than error|warning|info|off are dropped, as
 * are exclude entries that are not non-empty strings. Anything else → empty.
 * Rules that `.specwright.yaml` refuses (`internal-error`, unknown codes)
 * are dropped too, each with the reason pushed onto `refused`.
 */
export function settingsFrom(value: unknown, refused: string[] = []): SpecwrightSettings {
  const v = (value && typeof value === 'object' ? value : {}) as { rules?: unknown; exclude?: unknown };
  const rules: Record<string, RuleSetting> = {};
  if (v.rules && typeof v.rules === 'object' && !Array.isArray(v.rules)) {
    for (const [code, setting] of Object.entries(v.rules as Record<string, unknown>)) {
      if (typeof setting !== 'string' || !(ruleSettings as readonly string[]).includes(setting)) continue;
      const why = refusedRule(code);
      if (why) refused.push(why);
      else rules[code] = setting as RuleSetting;
    }
  }
  const exclude = Array.isArray(v.exclude)
    ? v.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '')
    : [];
  return { rules, exclude };
}

/** True when two rule maps set the same codes to the same severities. */
export function sameRules(a: SpecwrightSettings['rules'], b: SpecwrightSettings['rules']): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every(k => a[k] === b[k]);
}

/** True when two exclude lists hold the same globs in the same order. */
export function sameExclude(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((g, i) => g === b[i]);
}

/** `initializationOptions.trusted`: false only when the client says so (a client that does not know trust is trusted). */
export function trustedFrom(options: unknown): boolean {
  return !(options && typeof options === 'object' && (options as { trusted?: unknown }).trusted === false);
}
