import { configFileName } from '../core/config';
import { fileKind } from '../core/parse/fileKind';
import { reviewsFileName } from '../core/reviews/stamps';
import type { FileChange, SpecService } from '../core/service';
import { isUnder, joinUri, type IWorkspace } from '../core/workspace';

/**
 * Keeps a loaded SpecService current with the disk while `specwright mcp`
 * runs: the URIs a watcher reports are read again and applied as one batch
 * through `SpecService.apply`, which re-analyses only the files that
 * changed and re-checks only the files that read a changed fact (as the
 * language server does). A root's `.specwright.yaml` (unless `--config`
 * replaced it) and the team schemas it names reload the configuration;
 * `specwright.reviews` reloads the stamps. Code, test and results files
 * that `trace:` names are read again one by one (`SpecService.readTrace`,
 * as the language server does), and a changed `trace:` lists its root's
 * files again. A URI that is no spec file (a folder moved or removed)
 * re-reads every spec file known or found under it.
 * Batches are applied one after the other, never interleaved.
 */
export class LiveIndex {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly service: SpecService,
    private readonly workspace: IWorkspace,
    /** The workspace roots, as URIs. */
    private readonly roots: readonly string[],
    /** True when `--config` replaced the roots' own configuration: their `.specwright.yaml` is not read. */
    private readonly configOverridden: boolean,
  ) {}

  /** Apply what changed on disk (after the batches before it); true when the model may have changed. */
  changed(uris: readonly string[]): Promise<boolean> {
    const run = this.queue.then(() => this.apply(uris));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(uris: readonly string[]): Promise<boolean> {
    const changes = new Map<string, FileChange>();
    const configRoots = new Set<string>();
    const reviewRoots = new Set<string>();
    const folders: string[] = [];
    const traced = new Set<string>();
    for (const uri of new Set(uris)) {
      const root = this.roots.find(r => uri === r || isUnder(uri, r));
      if (root === undefined) continue;
      if (uri === joinUri(root, configFileName)) {
        if (!this.configOverridden) configRoots.add(root);
      } else if (uri === joinUri(root, reviewsFileName)) {
        reviewRoots.add(root);
      } else if (fileKind(uri)) {
        changes.set(uri, await this.read(uri));
      } else if (this.service.traceRoleOf(uri)) {
        traced.add(uri);
      } else {
        folders.push(uri);
      }
      // A team schema file: the configuration that names it is compiled again.
      if (!this.configOverridden) for (const r of this.service.rootsReading(uri)) configRoots.add(r);
    }
    if (folders.length) {
      const under = (u: string): boolean => folders.some(f => u === f || isUnder(u, f));
      for (const root of this.roots) {
        if (!folders.some(f => f === root || isUnder(f, root))) continue;
        const listed = await this.workspace.listSpecFiles(root);
        for (const u of [...this.service.index.files.keys(), ...listed])
          if (!changes.has(u) && isUnder(u, root) && under(u)) changes.set(u, await this.read(u));
      }
      // Trace files known under a folder that went (a folder's events do not name its files).
      for (const u of this.service.traces.files()) if (under(u)) traced.add(u);
    }
    for (const root of configRoots)
      await this.service.loadConfig(root, await this.readText(joinUri(root, configFileName)));
    for (const root of reviewRoots)
      this.service.setReviews(root, await this.workspace.readFile(joinUri(root, reviewsFileName)));
    if (changes.size) this.service.apply([...changes.values()]);
    // After the configurations: a changed `trace:` lists its root again; other trace files are read on their own.
    const relisted = (await this.service.refreshTrace()).size;
    if (traced.size) await this.service.readTrace([...traced]);
    return changes.size + configRoots.size + reviewRoots.size + traced.size + relisted > 0;
  }

  private async read(uri: string): Promise<FileChange> {
    const bytes = await this.workspace.readFile(uri);
    return bytes ? { uri, bytes } : { uri, deleted: true };
  }

  private async readText(uri: string): Promise<string | undefined> {
    const bytes = await this.workspace.readFile(uri);
    return bytes && new TextDecoder().decode(bytes);
  }
}
