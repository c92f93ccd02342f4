/**
 * Features read the workspace through `WorkspaceView` (core/workspaceView.ts),
 * never the mutable `SpecService`: answering a request cannot change what the
 * next one sees. The compiler guards the type (the `@ts-expect-error` lines
 * below stop compiling if the view ever exposes a mutating method); this file
 * also checks that no feature or report module imports the service.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { WorkspaceIndex } from '../../../server/src/core/graph/workspaceIndex';
import { SpecService } from '../../../server/src/core/service';
import type { WorkspaceView } from '../../../server/src/core/workspaceView';

const repo = path.resolve(__dirname, '../../../..');

/** The methods that change the workspace: none may be reachable through the view. */
const serviceMutators = [
  'apply',
  'openDocument',
  'openDocuments',
  'closeDocument',
  'setConfig',
  'prepareConfig',
  'loadConfig',
  'setReviews',
  'setTrusted',
  'setSettingsRules',
  'scan',
] as const;

describe('architecture: features read a WorkspaceView', () => {
  it('the view exposes none of the methods that change the workspace or its index', () => {
    const service = new SpecService();
    const view: WorkspaceView = service;
    // The names listed are real methods of the service and the index (so the list cannot go stale) ...
    for (const name of serviceMutators) assert.equal(typeof service[name], 'function', name);
    assert.equal(typeof new WorkspaceIndex().set, 'function');
    assert.ok(service.index.files instanceof Map);
    // ... and none of them type-checks on the view (tsc fails on an unused @ts-expect-error).
    // @ts-expect-error apply is not part of the view
    void view.apply;
    // @ts-expect-error openDocuments is not part of the view
    void view.openDocuments;
    // @ts-expect-error closeDocument is not part of the view
    void view.closeDocument;
    // @ts-expect-error setConfig is not part of the view
    void view.setConfig;
    // @ts-expect-error setReviews is not part of the view
    void view.setReviews;
    // @ts-expect-error setTrusted is not part of the view
    void view.setTrusted;
    // @ts-expect-error setSettingsRules is not part of the view
    void view.setSettingsRules;
    // @ts-expect-error scan is not part of the view
    void view.scan;
    // @ts-expect-error the index cannot be changed through the view
    void view.index.set;
    // @ts-expect-error nor its file map
    void view.index.files.set;
    const allowed: readonly (keyof WorkspaceView)[] = [
      'index',
      'tree',
      'diagnostics',
      'suppressed',
      'uris',
      'extensionSchema',
    ];
    assert.deepEqual(
      allowed.filter(name => (serviceMutators as readonly string[]).includes(name)),
      [],
    );
  });

  it('no module of core/features or core/report imports the service', () => {
    const offenders: string[] = [];
    for (const dir of ['server/src/core/features', 'server/src/core/report']) {
      for (const name of fs.readdirSync(path.join(repo, dir))) {
        if (!name.endsWith('.ts')) continue;
        const file = path.posix.join(dir, name);
        const info = ts.preProcessFile(fs.readFileSync(path.join(repo, file), 'utf8'), true, true);
        for (const i of info.importedFiles) {
          const target = path.posix.normalize(path.posix.join(dir, i.fileName));
          if (target === 'server/src/core/service') offenders.push(`${file} imports ${i.fileName}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });
});
