/**
 * The benchmark's chart (bench/chart.ts): well-formed SVG drawn from the
 * run's medians, a point for every measured value and none for a value that
 * was not measured.
 */
import * as assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { axisSteps, chartSeries, chartSvg } from '../../../bench/chart';
import type { SizeResult, SpecwrightRun } from '../../../bench/results';

const MB = 1024 * 1024;

function sw(closedAllMs: number, warmAllMs: number, rss: number, openAllMs?: number): SpecwrightRun {
  return {
    closedAllMs,
    warmAllMs,
    openAllMs,
    closedLoadRss: rss,
    openRss: rss,
    warmRss: rss,
    features: {},
    featuresAllOpen: {},
    failures: [],
  };
}

function size(requirements: number, runs: SpecwrightRun[], peerMs: number, peerRss: number): SizeResult {
  return {
    size: `${requirements / 1000}k`,
    ws: { requirements } as SizeResult['ws'],
    generateMs: 0,
    load: [1, 2],
    cli: [],
    cliCached: [],
    sw: runs,
    peer: [{ openAllMs: peerMs, rss: peerRss, features: {}, failures: [] }],
    profiles: [],
  };
}

const results = [
  size(
    1000,
    [sw(300, 100, 90 * MB, 400), sw(320, 90, 95 * MB, 420), sw(310, 95, 92 * MB, 410)],
    900,
    150 * MB,
  ),
  size(10000, [sw(1300, 400, 220 * MB, 1500)], 4000, 500 * MB),
  // The all-open load ran out of budget at 50k: no point for it there.
  size(
    50000,
    [{ ...sw(5300, 1000, 600 * MB), openTimedOut: { budgetMs: 1, published: 0, exact: 0, total: 1 } }],
    20000,
    1400 * MB,
  ),
];

describe('bench/chart: load time and memory against workspace size', () => {
  it('takes the median of the runs, and leaves out what was not measured', () => {
    const { time, memory } = chartSeries(results);
    assert.deepEqual(
      time.map(s => [s.name, s.values]),
      [
        ['Specwright, no file open', [310, 1300, 5300]],
        ['Specwright, all files open', [410, 1500, undefined]],
        ['Specwright, warm start (cache)', [95, 400, 1000]],
        ['yaml-language-server, all files open', [900, 4000, 20000]],
      ],
    );
    assert.deepEqual(memory[3].values, [150 * MB, 500 * MB, 1400 * MB]);
    assert.deepEqual(memory[0].values, [92 * MB, 220 * MB, 600 * MB]);
  });

  it('writes well-formed SVG with a line per series and a point per value', () => {
    const svg = chartSvg(results, 'run <test> & co');
    assert.equal(XMLValidator.validate(svg), true);
    assert.equal(svg.match(/<polyline /g)?.length, 8);
    // 4 + 3 + 4 + 4 time points (the 50k all-open one missing), 12 memory points, 4 in the legend.
    assert.equal(svg.match(/<circle /g)?.length, 11 + 12 + 4);
    assert.match(svg, /run &lt;test&gt; &amp; co/);
    assert.match(svg, /<title>yaml-language-server, all files open: 20\.0 s<\/title>/);
    assert.match(svg, />50,000</);
  });

  it('divides the axis in at most four round steps that reach the largest value', () => {
    assert.deepEqual([0, 0.3, 1, 4, 4.1, 20040, 1894, 100].map(axisSteps), [
      { step: 1, count: 1 },
      { step: 0.1, count: 3 },
      { step: 0.5, count: 2 },
      { step: 1, count: 4 },
      { step: 2, count: 3 },
      { step: 10000, count: 3 },
      { step: 500, count: 4 },
      { step: 50, count: 2 },
    ]);
  });
});
