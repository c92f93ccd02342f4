import { allCodes, DiagnosticCode } from './codes';
import {
  configFileName,
  defaultConfig,
  parseConfig,
  severityOf,
  type RuleSetting,
  type SpecConfig,
} from './config';
import { compileExtension, type ConfigFileRead, type ExtensionSchema } from './schema/extensions';
import type { DocKind, Finding } from './types';
import { isUnder, joinUri, type IWorkspace } from './workspace';

/** A root folder's configuration as the service holds it. */
export interface RootConfig {
  config: SpecConfig;
  /** Problems that make the configuration untrustworthy (the CLI refuses to run): bad keys, broken team schemas. */
  problems: Finding[];
  /** Other findings about the configuration (untrusted-workspace). */
  notices: Finding[];
  /** Compiled team schemas, by kind. */
  extensions: Map<DocKind, ExtensionSchema>;
}

/**
 * A root's `.specwright.yaml` with what it names already read (see
 * `SpecService.prepareConfig`): installing it (`setConfig`) is then synchronous.
 */
export interface PreparedConfig {
  readonly rootUri: string;
  /** undefined: the root has no configuration. */
  readonly entry: RootConfig | undefined;
  /** Closed files whose team schema changes, read again: they are re-checked when the configuration is installed. */
  readonly rereads: ReadonlyMap<string, Uint8Array>;
}

/**
 * The workspace's configuration: each root's `.specwright.yaml` (its rules,
 * its problems, its compiled team schemas), the editor's rule settings under
 * them, and whether the workspace is trusted. It answers which rules and
 * which team schema apply to a file; the service decides what to re-check
 * when it changes.
 */
export class ConfigStore {
  private readonly roots = new Map<string, RootConfig>();
  /** False in an untrusted workspace: team schemas are not read. */
  trusted = true;
  /** The editor's `specwright.rules`: under every folder's `.specwright.yaml`. */
  private settingsRules: Readonly<Record<string, RuleSetting>> = {};

  constructor(private readonly workspace?: IWorkspace) {}

  /** Replace the editor's rule settings. */
  setSettingsRules(rules: Readonly<Record<string, RuleSetting>>): void {
    this.settingsRules = { ...rules };
  }

  get(rootUri: string): RootConfig | undefined {
    return this.roots.get(rootUri);
  }

  /** Install (or with undefined, remove) a root's configuration. */
  set(rootUri: string, entry: RootConfig | undefined): void {
    if (entry === undefined) this.roots.delete(rootUri);
    else this.roots.set(rootUri, entry);
  }

  /**
   * Everything of the configurations that findings read, as one string: each
   * root's rules, problems, notices and team schemas (by fingerprint), the
   * editor's rule settings, trust. Part of a scan's inputs key.
   */
  inputsKey(): string {
    const roots = [...this.roots]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([root, c]) => [
        root,
        c.config,
        c.problems,
        c.notices,
        [...c.extensions].map(([kind, e]) => [kind, e.fingerprint]).sort(),
      ]);
    return JSON.stringify([roots, this.settingsRules, this.trusted]);
  }

  /** Every root with a configuration, with it. */
  entries(): IterableIterator<[string, RootConfig]> {
    return this.roots.entries();
  }

  /** The innermost root with a configuration that holds `uri` (or whose `.specwright.yaml` it is). */
  rootOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots.keys()) {
      if (
        (isUnder(uri, root) || uri === joinUri(root, configFileName)) &&
        (!best || root.length > best.length)
      )
        best = root;
    }
    return best;
  }

  /** The rules that apply under a root: the editor's settings, overridden by the root's `.specwright.yaml`. */
  effectiveConfig(root: string | undefined): SpecConfig {
    const fileRules = (root !== undefined ? this.roots.get(root)!.config : defaultConfig).rules;
    return { rules: { ...this.settingsRules, ...fileRules } };
  }

  /** The severity (or `off`) of a code in a file, by the rules of its root. */
  severityIn(uri: string): (code: string) => RuleSetting {
    const config = this.effectiveConfig(this.rootOf(uri));
    return code => severityOf(code, config);
  }

  /** The team schema of a spec file's kind under its root, if any. */
  extensionFor(uri: string, kind: DocKind): ExtensionSchema | undefined {
    const root = this.rootOf(uri);
    return root !== undefined ? this.roots.get(root)?.extensions.get(kind) : undefined;
  }

  /** See `SpecService.switchedOff`. */
  switchedOff(rootUri: string): string[] {
    const rules = this.effectiveConfig(this.roots.has(rootUri) ? rootUri : undefined).rules;
    const off = Object.keys(rules).filter(code => rules[code] === 'off');
    return [...allCodes.filter(c => off.includes(c)), ...off.filter(c => !allCodes.includes(c)).sort()];
  }

  /** The root folders whose `.specwright.yaml` names the file at `uri` (a team schema). */
  rootsReading(uri: string): string[] {
    const out: string[] = [];
    for (const [root, c] of this.roots)
      if (c.config.schemas?.some(s => joinUri(root, s.path) === uri)) out.push(root);
    return out;
  }

  /** The team schema files the roots' configurations name. */
  schemaFiles(): { rootUri: string; path: string }[] {
    const out: { rootUri: string; path: string }[] = [];
    for (const [rootUri, c] of this.roots)
      for (const ref of c.config.schemas ?? []) out.push({ rootUri, path: ref.path });
    return out.sort((a, b) => (a.rootUri + '/' + a.path < b.rootUri + '/' + b.path ? -1 : 1));
  }

  /**
   * A root's configuration from its parsed text, with the team schemas it
   * names read through the workspace (only when trusted) and compiled.
   */
  async read(
    rootUri: string,
    parsed: ReturnType<typeof parseConfig> | undefined,
  ): Promise<RootConfig | undefined> {
    const reads = new Map<string, ConfigFileRead>();
    if (this.trusted) {
      for (const ref of parsed?.config.schemas ?? [])
        if (!reads.has(ref.path)) reads.set(ref.path, await this.readConfigFile(rootUri, ref.path));
    }
    return this.entry(parsed, reads);
  }

  /** A parsed configuration with the team schemas it names compiled from what was read. */
  entry(
    parsed: ReturnType<typeof parseConfig> | undefined,
    reads: ReadonlyMap<string, ConfigFileRead>,
  ): RootConfig | undefined {
    if (parsed === undefined) return undefined;
    const { config, problems } = parsed;
    const entry: RootConfig = { config, problems, notices: [], extensions: new Map() };
    const refs = config.schemas ?? [];
    if (refs.length && !this.trusted) {
      entry.notices.push({
        code: DiagnosticCode.untrustedWorkspace,
        range: config.schemasKey!,
        message:
          'this workspace is not trusted, so the team schemas named here are not read: files are checked against the built-in schemas only. Trust the workspace to use them.',
      });
      return entry;
    }
    for (const ref of refs) {
      const read = reads.get(ref.path) ?? { error: `the schema file "${ref.path}" was not read` };
      const compiled = compileExtension(ref.kind, ref.path, read);
      if ('problem' in compiled)
        problems.push({ code: DiagnosticCode.schema, range: ref.range, message: compiled.problem });
      else entry.extensions.set(ref.kind, compiled.extension);
    }
    return entry;
  }

  private async readConfigFile(rootUri: string, path: string): Promise<ConfigFileRead> {
    const ws = this.workspace;
    if (!ws?.readConfigFile) return { error: `the schema file "${path}" cannot be read in this environment` };
    try {
      return await ws.readConfigFile(rootUri, path);
    } catch (err) {
      return {
        error: `the schema file "${path}" could not be read (${err instanceof Error ? err.message : String(err)})`,
      };
    }
  }
}

/** What identifies a team schema's content, to tell whether files must be checked again. */
export function fingerprint(ext: ExtensionSchema | undefined): string {
  return ext?.fingerprint ?? '';
}
