import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { SpecService } from '../core/service';
import type { Diagnostic } from '../core/types';
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
      } else if (!this.remember(params) && !fresh.has(uri)) continue;
      void this.deliver(params);
    }
  }

  /**
   * Send findings known before the core has computed them (a scan's, stored
   * with the key of its inputs: cache/findingsSnapshot.ts), remembered as
   * sent, so that the publish after the scan sends only what differs. A
   * document open in the editor is left to that publish: its buffer may not
   * be what the findings were stored for. Resolves once all are written: a
   * caller that goes on computing would otherwise hold them in the writer's
   * queue, which writes one message per turn of the event loop.
   */
  publishKnown(findings: ReadonlyMap<string, readonly Diagnostic[]>): Promise<void> {
    const sent: Promise<void>[] = [];
    for (const [uri, diagnostics] of [...findings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (this.versionOf(uri) !== undefined) continue;
      const params = { uri, version: undefined, diagnostics: diagnostics.map(toLspDiagnostic) };
      if (this.remember(params)) sent.push(this.deliver(params));
    }
    return Promise.all(sent).then(() => undefined);
  }

  /** Note what is sent for a URI; false when it is what was last sent. */
  private remember(params: PublishDiagnosticsParams): boolean {
    const json = JSON.stringify(params.diagnostics);
    // The JSON itself when no key can be made (a key is only refused for text over the size limit).
    const key = `${params.version ?? ''}|${contentKey(json) ?? json}`;
    if (this.sent.get(params.uri) === key) return false;
    this.sent.set(params.uri, key);
    return true;
  }

  /** Send; resolves when written (or failed, which is logged). */
  private deliver(params: PublishDiagnosticsParams): Promise<void> {
    return this.send(params).catch(err =>
      this.log.error(`publishing diagnostics for ${params.uri} failed: ${describeError(err)}`),
    );
  }
}
