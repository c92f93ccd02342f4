import type { Feature, ServerContext } from '../context';
import { guardNotification } from '../guard';
import { sameExclude, sameRules, settingsFrom } from '../settings';
import type { SpecwrightSettings } from '../../protocol';

/**
 * The user's `specwright.rules` and `specwright.exclude`: read from
 * `initializationOptions.settings`, then from every
 * workspace/didChangeConfiguration (`settings.specwright`; a notification
 * without it is ignored). Rules go under each folder's `.specwright.yaml`
 * (the file wins) and every file is republished; a new exclude list rescans
 * the folders and forgets the files it now leaves out.
 */
export const settings: Feature = {
  name: 'settings',

  initialize(ctx, params) {
    const options = params.initializationOptions as { settings?: unknown } | null | undefined;
    apply(ctx, settingsFrom(options?.settings), false);
  },

  register(ctx) {
    ctx.connection.onDidChangeConfiguration(guardNotification(ctx.log, 'workspace/didChangeConfiguration', params => {
      const section = (params?.settings as { specwright?: unknown } | null | undefined)?.specwright;
      if (section === undefined || section === null) return;
      apply(ctx, settingsFrom(section), true);
    }));
  },
};

function apply(ctx: ServerContext, next: SpecwrightSettings, rescan: boolean): void {
  const previous = ctx.settings;
  ctx.settings = next;
  if (!sameRules(previous.rules, next.rules)) ctx.sync.setSettingsRules(next.rules);
  if (!sameExclude(previous.exclude, next.exclude)) {
    ctx.runtime.setExclude?.(next.exclude);
    if (rescan) ctx.sync.scan([...ctx.folders.list()]);
  }
}
