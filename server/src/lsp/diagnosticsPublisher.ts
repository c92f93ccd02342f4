import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { SpecService } from '../core';
import { toLspDiagnostic } from './convert';
import { describeError, type Log } from './log';

/**
 * Sends `textDocument/publishDiagnostics` for the URIs a change affected.
 * Open documents are published with the version of the text the core holds,
 * so a client can drop results that an edit has already overtaken; closed
 * files (and deleted ones, which publish []) carry no version.
 */
export class DiagnosticsPublisher {
  constructor(
    private readonly send: (params: PublishDiagnosticsParams) => Promise<void>,
    private readonly service: SpecService,
    private readonly versionOf: (uri: string) => number | undefined,
    private readonly log: Log,
  ) {}

  publish(uris: Iterable<string>): void {
    for (const uri of [...new Set(uris)].sort()) {
      let params: PublishDiagnosticsParams;
      try {
        params = { uri, version: this.versionOf(uri), diagnostics: this.service.diagnostics(uri).map(toLspDiagnostic) };
      } catch (err) {
        this.log.error(`computing diagnostics for ${uri} failed: ${describeError(err)}`);
        continue;
      }
      this.send(params).catch(err => this.log.error(`publishing diagnostics for ${uri} failed: ${describeError(err)}`));
    }
  }
}
