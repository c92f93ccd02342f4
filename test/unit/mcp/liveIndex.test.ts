/**
 * LiveIndex (`specwright mcp`): what a watcher reports is read again, and
 * only that, and applied through the SpecService; the configuration and the
 * review stamps reload when theirs change; a folder event re-reads what is
 * under it.
 */
import * as assert from 'node:assert/strict';
import { SpecService } from '../../../server/src/core/service';
import { LiveIndex } from '../../../server/src/mcp/liveIndex';
import { lines } from '../helpers';
import { MemoryWorkspace } from '../memoryWorkspace';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const PRD = 'file:///w/prds/one.prd.yaml';
const STORIES = 'file:///w/it/1.stories.yaml';
const OTHER = 'file:///w/prds/two.prd.yaml';

const prd = (title: string): string =>
  lines(
    'id: PRD-1',
    'title: One',
    'status: approved',
    'requirements:',
    '  - id: REQ-1',
    `    title: ${title}`,
    '    statement: The shopper can pay.',
    '    priority: must',
    '    status: approved',
    '    acceptance_criteria:',
    '      - It works',
  );
const stories = lines(
  'stories:',
  '  - id: ST-1',
  '    title: Pay',
  '    implements: [REQ-1]',
  '    status: draft',
);

async function setup(configOverridden = false) {
  const ws = new MemoryWorkspace().set(PRD, prd('Pay'));
  const service = new SpecService(ws);
  await service.scan([ROOT]);
  return { ws, service, live: new LiveIndex(service, ws, [ROOT], configOverridden) };
}

/** The `uncovered` findings of a file (the PRD is also an orphan: no epic). */
const codes = (service: SpecService, uri: string): string[] =>
  service.diagnostics(uri).flatMap(d => (d.code === 'uncovered' ? [d.code] : []));
const title = (service: SpecService, id: string): unknown => service.index.definitions(id)[0]?.fields.title;

describe('mcp: LiveIndex', () => {
  it('reads again only the files reported, and applies them', async () => {
    const { ws, service, live } = await setup();
    assert.deepEqual(codes(service, PRD), ['uncovered']);
    ws.set(PRD, prd('Pay by card')).set(STORIES, stories);
    ws.reads.length = 0;
    assert.equal(await live.changed([PRD]), true);
    assert.deepEqual(ws.reads, [PRD]);
    assert.equal(title(service, 'REQ-1'), 'Pay by card');
    assert.equal(service.index.definitions('ST-1').length, 0, 'a file not reported is not read');

    assert.equal(await live.changed([STORIES]), true);
    assert.deepEqual(codes(service, PRD), [], 'ST-1 implements REQ-1 now');
    ws.set(STORIES, undefined);
    await live.changed([STORIES]);
    assert.equal(service.index.files.has(STORIES), false, 'a deleted file leaves the index');
    assert.deepEqual(codes(service, PRD), ['uncovered']);
  });

  it('ignores what lies outside the roots', async () => {
    const { ws, live } = await setup();
    ws.reads.length = 0;
    assert.equal(await live.changed(['file:///elsewhere/x.prd.yaml']), false);
    assert.deepEqual(ws.reads, []);
  });

  it('reloads the configuration when .specwright.yaml changes, unless --config replaced it', async () => {
    const { ws, service, live } = await setup();
    ws.set(CONFIG, lines('rules:', '  uncovered: off'));
    assert.equal(await live.changed([CONFIG]), true);
    assert.deepEqual(codes(service, PRD), []);

    const overridden = await setup(true);
    overridden.ws.set(CONFIG, lines('rules:', '  uncovered: off'));
    assert.equal(await overridden.live.changed([CONFIG]), false);
    assert.deepEqual(codes(overridden.service, PRD), ['uncovered']);
  });

  it('on a folder event, reads again the known files and finds the new ones under it', async () => {
    const { ws, service, live } = await setup();
    ws.set(PRD, undefined).set(OTHER, prd('Moved').replace('PRD-1', 'PRD-2'));
    assert.equal(await live.changed(['file:///w/prds']), true);
    assert.equal(service.index.files.has(PRD), false);
    assert.equal(title(service, 'REQ-1'), 'Moved');
    assert.equal(service.index.definitions('PRD-2').length, 1);
  });

  it('applies batches one after the other, in the order reported', async () => {
    const { ws, service, live } = await setup();
    ws.set(PRD, prd('First'));
    const first = live.changed([PRD]);
    ws.set(PRD, prd('Second'));
    const second = live.changed([PRD]);
    await Promise.all([first, second]);
    assert.equal(title(service, 'REQ-1'), 'Second');
  });
});
