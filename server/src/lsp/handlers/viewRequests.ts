import type { Feature } from '../context';
import { registerViewHandlers } from './views';

/**
 * The custom requests behind the client's roadmap and trace views, status bar
 * and "New …" commands (server/src/protocol.ts; handlers in views.ts), plus
 * `specwright/workspaceChanged` after every change to the model.
 */
export const viewRequests: Feature = {
  name: 'view requests',

  register(ctx) {
    const views = registerViewHandlers(ctx);
    ctx.sync.onDidCommit(affected => views.workspaceChanged(affected));
    ctx.disposables.push(views);
  },
};
