import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { SpecService } from '../core/service';
import { contentKey } from '../core/text/contentKey';
import { toLspDiagnostic } from './convert';
import { describeError, type Log } from './log';

/**
 * Sends `textDocument/publishDiagnostics` for the URIs a change affected.
 * Open documents are published with the version of the text the core holds,
 * so a client can drop results that an edit has already overtaken; closed
 * files (and deleted ones, which publish []) carry no version.
 *
 * A URI whose diagnostics and version are what was last sent for it is not
 * sent again: a change to a hot ID re-checks many files whose findings stay
 * the same, and writing thousands of identical notifications costs more than
 * the checks. A new version of an open document is always sent, and so are
 * the empty list of a file that is gone and the findings of a file whose
 * content was just read (`fresh`); a code or test file without findings is
 * sent the empty list only to clear diagnostics it was sent before.
 */
export class DiagnosticsPublisher {
  /** What was last sent per URI: the version and a key of the diagnostics' JSON. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly send: (params: PublishDiagnosticsParams) => Promise<void>,
    private readonly service: SpecService,
    private readonly versionOf: (uri: string) => number | undefined,
    private readonly log: Log,
  ) {}

  publish(uris: Iterable<string>, fresh: ReadonlySet<string> = new Set()): void {
    for (const uri of [...new Set(uris)].sort()) {
      let params: PublishDiagnosticsParams;
      try {
        params = {
          uri,
          version: this.versionOf(uri),
          diagnostics: this.service.diagnostics(uri).map(toLspDiagnostic),
        };
      } catch (err) {
        this.log.error(`computing diagnostics for ${uri} failed: ${describeError(err)}`);
        continue;
      }
      if (params.version === undefined && !params.diagnostics.length && !this.service.index.files.has(uri)) {
        // A file that is gone: said every time, and no entry is left behind (a long session renames many
        // files). A code or test file with nothing to say is told only to clear what it was sent before:
        // a repository of 10,000 source files would otherwise get 10,000 empty lists at every load.
        if (!this.sent.delete(uri) && this.service.traces.has(uri)) continue;
      } else {
        const json = JSON.stringify(params.diagnostics);
        // The JSON itself when no key can be made (a key is only refused for text over the size limit).
        const key = `${params.version ?? ''}|${contentKey(json) ?? json}`;
        if (this.sent.get(uri) === key && !fresh.has(uri)) continue;
        this.sent.set(uri, key);
      }
      this.send(params).catch(err =>
        this.log.error(`publishing diagnostics for ${uri} failed: ${describeError(err)}`),
      );
    }
  }
}
