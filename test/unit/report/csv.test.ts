import * as assert from 'node:assert/strict';
import { renderCsv } from '../../../server/src/core/report/csv';
import { buildReportModel } from '../../../server/src/core/report/reportModel';
import { lines, workspace } from '../helpers';
import { displayPath, service } from './reportFixture';

describe('report: CSV', () => {
  it('writes one row per requirement with its chain, status, priority and progress (exact text)', () => {
    assert.equal(
      renderCsv(buildReportModel(service(), { displayPath })),
      '\uFEFF' +
        'Goal,Release,Epic,PRD,Requirement,Title,Status,Priority,Stories done,Stories total,Estimate done,Estimate total,Stories,File,Line\r\n' +
        'G-1,R-1,EPIC-1,PRD-1,REQ-1,Cards,in-progress,must,1,2,3,5,"ST-1; ST-2",prds/a.prd.yaml,6\r\n' +
        'G-1,R-1,EPIC-1,PRD-1,REQ-2,"\'=Wallet, maybe",approved,could,0,0,0,0,,prds/a.prd.yaml,12\r\n',
    );
  });

  it('has only the header for a workspace without requirements', () => {
    assert.equal(
      renderCsv(buildReportModel(workspace({}))),
      '\uFEFFGoal,Release,Epic,PRD,Requirement,Title,Status,Priority,Stories done,Stories total,Estimate done,Estimate total,Stories,File,Line\r\n',
    );
  });

  it('quotes as RFC 4180 says, joins several goals, and rounds estimate sums', () => {
    const s = workspace({
      'file:///w/v.vision.yaml': lines(
        'id: V-1',
        'product: P',
        'statement: S',
        'goals:',
        '  - id: G-A',
        '    title: A',
        '  - id: G-B',
        '    title: B',
      ),
      'file:///w/my "odd", file.prd.yaml': lines(
        'id: PRD-1',
        'title: P',
        'goals: [G-B, G-A]',
        'requirements:',
        '  - id: REQ-1',
        '    title: \'Say "hi", then @go\'',
        '    statement: s',
        '    priority: must',
      ),
      'file:///w/s.stories.yaml': lines(
        'id: IT-1',
        'title: I',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-1]',
        '    estimate: 0.1',
        '    status: done',
        '  - id: ST-2',
        '    title: B',
        '    implements: [REQ-1]',
        '    estimate: 0.2',
        '    status: done',
      ),
    });
    const csv = renderCsv(buildReportModel(s, { displayPath: u => u.slice('file:///w/'.length) }));
    assert.equal(
      csv.split('\r\n')[1],
      '"G-A; G-B",,,PRD-1,REQ-1,"Say ""hi"", then @go",draft,must,2,2,0.3,0.3,"ST-1; ST-2","my ""odd"", file.prd.yaml",5',
    );
  });
});
