import {
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  type Disposable,
} from 'vscode-languageserver';
import type { Feature, ServerContext } from '../context';
import { guardNotification } from '../guard';
import { describeError } from '../log';
import { sameExclude, sameRules, settingsFrom, trustedFrom } from '../settings';

/**
 * Workspace trust (`initializationOptions.trusted`: untrusted, no team schema
 * is read; the client restarts the server when trust is granted), and the
 * user's `specwright.rules` and `specwright.exclude`: read from
 * `initializationOptions.settings`, then from every
 * workspace/didChangeConfiguration (`settings.specwright`; a notification
 * without it is ignored). Rules go under each folder's `.specwright.yaml`
 * (the file wins) and every file is republished; a new exclude list rescans
 * the folders and forgets the files it now leaves out. The team schema files
 * that `.specwright.yaml` names are watched too (registered as the configs
 * change), so that editing one re-checks the files.
 */
export const settings: Feature = {
  name: 'settings',

  initialize(ctx, params) {
    const options = params.initializationOptions as { settings?: unknown } | null | undefined;
    // Before the first scan (workspace folders come after settings): it decides whether team schemas are read.
    ctx.service.setTrusted(trustedFrom(options));
    apply(ctx, options?.settings, false);
  },

  initialized(ctx) {
    watchSchemaFiles(ctx);
  },

  register(ctx) {
    ctx.connection.onDidChangeConfiguration(
      guardNotification(ctx.log, 'workspace/didChangeConfiguration', params => {
        const section = (params?.settings as { specwright?: unknown } | null | undefined)?.specwright;
        if (section === undefined || section === null) return;
        apply(ctx, section, true);
      }),
    );
  },
};

/** The refused rules each server has told its user about: each once. */
const told = new WeakMap<ServerContext, Set<string>>();

function apply(ctx: ServerContext, section: unknown, rescan: boolean): void {
  const refused: string[] = [];
  const next = settingsFrom(section, refused);
  const said = told.get(ctx) ?? new Set<string>();
  told.set(ctx, said);
  for (const why of refused.filter(w => !said.has(w))) {
    said.add(why);
    const message = `Specwright: ignored in specwright.rules: ${why}.`;
    ctx.log.warn(message);
    void ctx.connection
      .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message })
      .catch(err => ctx.log.error(`window/showMessage failed: ${describeError(err)}`));
  }
  const previous = ctx.settings;
  ctx.settings = next;
  if (!sameRules(previous.rules, next.rules)) ctx.sync.setSettingsRules(next.rules);
  if (!sameExclude(previous.exclude, next.exclude)) {
    ctx.runtime.setExclude?.(next.exclude);
    if (rescan) ctx.sync.scan([...ctx.folders.list()]);
  }
}

/**
 * Keep a watcher registration for the team schema files the configs name
 * (the fixed watchers cover spec files and configs only). Re-registered when
 * that list changes; registrations run one after the other.
 */
function watchSchemaFiles(ctx: ServerContext): void {
  const caps = ctx.client.workspace?.didChangeWatchedFiles;
  if (!caps?.dynamicRegistration) return;
  const relative = caps.relativePatternSupport === true;
  let watched = '[]';
  let registration: Promise<Disposable | undefined> = Promise.resolve(undefined);
  ctx.sync.onDidCommit(() => {
    const files = ctx.service.schemaFiles();
    const key = JSON.stringify(files);
    if (key === watched) return;
    watched = key;
    registration = registration
      .then(async previous => {
        previous?.dispose();
        if (!files.length) return undefined;
        const watchers = files.map(f => ({
          globPattern: relative ? { baseUri: f.rootUri, pattern: f.path } : `**/${f.path}`,
        }));
        return ctx.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      })
      .catch(err => {
        ctx.log.error(`watching the team schema files failed: ${describeError(err)}`);
        return undefined;
      });
  });
}
