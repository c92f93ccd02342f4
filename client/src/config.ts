import * as vscode from 'vscode';
import type { SpecwrightSettings } from '../../server/src/protocol';

/** The settings under `specwright.*` (package.json `contributes.configuration`), typed. */

export type TraceSetting = 'off' | 'messages' | 'verbose';
export type RuleSetting = 'error' | 'warning' | 'info' | 'off';

const section = 'specwright';
const ruleSettings: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

export class Config {
  /** `specwright.trace.server`: read by vscode-languageclient itself (client id `specwright`); here for display. */
  get traceServer(): TraceSetting {
    const v = this.get<string>('trace.server');
    return v === 'messages' || v === 'verbose' ? v : 'off';
  }

  /**
   * `specwright.rules`: code → severity. Entries with an unknown severity are
   * dropped here; unknown codes are left to the server, which knows the codes.
   * A folder's `.specwright.yaml` wins over these (the server merges them).
   */
  get rules(): Record<string, RuleSetting> {
    return Config.rulesFrom(this.get<unknown>('rules'));
  }

  /** `specwright.exclude`: globs (relative to a workspace folder) of files and folders the server does not read. */
  get exclude(): string[] {
    const v = this.get<unknown>('exclude');
    return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
  }

  /** What the server is told: in `initializationOptions.settings` and in `workspace/didChangeConfiguration`. */
  serverSettings(): SpecwrightSettings {
    return { rules: this.rules, exclude: this.exclude };
  }

  /**
   * VS Code's workspace trust. The extension runs in untrusted workspaces
   * (`capabilities.untrustedWorkspaces: limited`); there the server reads no
   * team schema named in `.specwright.yaml`.
   */
  static trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** True when a change touches a setting the server reads. */
  static affectsServer(e: vscode.ConfigurationChangeEvent): boolean {
    return e.affectsConfiguration(`${section}.rules`) || e.affectsConfiguration(`${section}.exclude`);
  }

  static rulesFrom(value: unknown): Record<string, RuleSetting> {
    const out: Record<string, RuleSetting> = {};
    if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
    for (const [code, setting] of Object.entries(value as Record<string, unknown>)) {
      if (typeof setting === 'string' && (ruleSettings as readonly string[]).includes(setting))
        out[code] = setting as RuleSetting;
    }
    return out;
  }

  private get<T>(key: string): T | undefined {
    return vscode.workspace.getConfiguration(section).get<T>(key);
  }
}
