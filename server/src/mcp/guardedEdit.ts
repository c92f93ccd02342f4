import type { JsonReport } from '../cli/formatters/json';
import { isUnder } from '../core/workspace';
import { applyEdits, type TextEdit } from './itemEdits';
import type { ServedWorkspace, SpecFiles } from './servedWorkspace';

type CliDiagnostic = JsonReport['diagnostics'][number];

/** An edit refused because it would add error findings; nothing was written. */
export class EditRefused extends Error {
  constructor(
    readonly file: string,
    readonly findings: readonly CliDiagnostic[],
  ) {
    super(
      [
        `nothing was written: the edit of ${file} would add ${findings.length === 1 ? 'an error' : `${findings.length} errors`}:`,
        ...findings.map(
          d =>
            `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`,
        ),
      ].join('\n'),
    );
  }
}

/**
 * One edit of one spec file, all or nothing: the file is read as saved, the
 * edits are made on that text (the file is open in the model meanwhile, so
 * the quick fixes' helpers see its syntax tree), and the new text is applied
 * to the model as an editor's change would be. When the workspace then has
 * an error finding it did not have before (compared as the CLI reports them:
 * file, code and message), the old text goes back into the model and
 * nothing is written (`EditRefused`); else the file is written through
 * `SpecFiles.write` (no symbolic link followed) and the model keeps the new
 * text. Edits run one after the other. Only spec files the workspace read,
 * under its root, are edited.
 */
export class GuardedEdit {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ws: ServedWorkspace,
    private readonly files: SpecFiles,
  ) {}

  run<T>(uri: string, build: (text: string) => { edits: TextEdit[]; result: T }): Promise<T> {
    const run = this.queue.then(() => this.edit(uri, build));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async edit<T>(uri: string, build: (text: string) => { edits: TextEdit[]; result: T }): Promise<T> {
    const { ws } = this;
    const service = ws.service;
    await ws.settled();
    const file = ws.relative(uri);
    if (!isUnder(uri, ws.rootUri))
      throw new Error(`${file} is outside the workspace: nothing is written there`);
    if (!service.index.files.has(uri))
      throw new Error(`${file} is not a spec file of this workspace (the scan did not read it)`);
    const saved = await this.files.read(uri);
    if (saved === undefined) throw new Error(`cannot read ${file}`);
    // The index counts positions after a byte-order mark; the mark is written back as it was.
    const bom = saved.startsWith('\uFEFF') ? '\uFEFF' : '';
    const text = saved.slice(bom.length);
    const crlf = text.includes('\r\n');

    service.apply([{ uri, text }]); // the model reads what is saved now (a no-op when it already does)
    const before = errorCounts(ws.check().diagnostics);
    service.openDocument(uri, text);
    let built: { edits: TextEdit[]; result: T };
    try {
      built = build(text);
    } finally {
      service.closeDocument(uri);
    }
    const edits = crlf
      ? built.edits.map(e => ({ ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') }))
      : built.edits;
    const next = applyEdits(text, edits);

    service.apply([{ uri, text: next }]);
    const added = newErrors(before, ws.check().diagnostics);
    if (added.length) {
      service.apply([{ uri, text }]);
      throw new EditRefused(file, added);
    }
    try {
      await this.files.write(uri, bom + next);
    } catch (err) {
      service.apply([{ uri, text }]);
      throw err;
    }
    return built.result;
  }
}

function errorKey(d: CliDiagnostic): string {
  return `${d.file}\u0000${d.code}\u0000${d.message}`;
}

function errorCounts(diagnostics: readonly CliDiagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics)
    if (d.severity === 'error') counts.set(errorKey(d), (counts.get(errorKey(d)) ?? 0) + 1);
  return counts;
}

/** The error findings beyond those counted before (a finding that only moved is not new). */
function newErrors(before: Map<string, number>, after: readonly CliDiagnostic[]): CliDiagnostic[] {
  const left = new Map(before);
  const out: CliDiagnostic[] = [];
  for (const d of after) {
    if (d.severity !== 'error') continue;
    const n = left.get(errorKey(d)) ?? 0;
    if (n > 0) left.set(errorKey(d), n - 1);
    else out.push(d);
  }
  return out;
}
