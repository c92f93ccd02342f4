import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../context';
import { guardNotification } from '../guard';
import { describeError } from '../log';
import { sameExclude, sameRules, settingsFrom, trustedFrom } from '../settings';
import { keepWatching } from '../watcherRegistration';

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

/** Watch the team schema files the configs name (the fixed watchers cover spec files and configs only). */
function watchSchemaFiles(ctx: ServerContext): void {
  keepWatching(ctx, 'the team schema files', () =>
    ctx.service.schemaFiles().map(f => ({ rootUri: f.rootUri, pattern: f.path })),
  );
}
