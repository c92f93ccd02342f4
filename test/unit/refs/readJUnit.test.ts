/**
 * readJUnit and latestRuns: JUnit XML test cases with their outcome and the
 * IDs they name (`[ID]` in name or classname, `verifies` properties), nested
 * suites, bad XML as one finding, and the newest run per test case across files.
 */
import * as assert from 'node:assert/strict';
import { latestRuns } from '../../../server/src/core/refs/latestResults';
import { readJUnit, type TestCase } from '../../../server/src/core/refs/readJUnit';

function cases(xml: string): TestCase[] {
  const r = readJUnit(xml);
  assert.deepEqual(r.problems, []);
  return r.cases;
}

describe('readJUnit', () => {
  it('reads a <testsuites> file: name, classname, outcome and the [ID]s', () => {
    assert.deepEqual(
      cases(
        '<?xml version="1.0"?><testsuites><testsuite name="s">' +
          '<testcase classname="Cart [REQ-1]" name="adds [REQ-2, REQ-3#2]"/>' +
          '</testsuite></testsuites>',
      ),
      [
        {
          name: 'adds [REQ-2, REQ-3#2]',
          classname: 'Cart [REQ-1]',
          outcome: 'passed',
          targets: [{ id: 'REQ-1' }, { id: 'REQ-2' }, { id: 'REQ-3', ac: 2 }],
        },
      ],
    );
  });

  it('tells failure, error and skipped apart', () => {
    const got = cases(
      '<testsuite name="s">' +
        '<testcase name="a [ST-1]"><failure message="x">trace</failure></testcase>' +
        '<testcase name="b [ST-1]"><error type="TypeError"/></testcase>' +
        '<testcase name="c [ST-1]"><skipped/></testcase>' +
        '<testcase name="d [ST-1]"><system-out>ok</system-out></testcase>' +
        '</testsuite>',
    );
    assert.deepEqual(
      got.map(c => `${c.name}:${c.outcome}`),
      ['a [ST-1]:failed', 'b [ST-1]:error', 'c [ST-1]:skipped', 'd [ST-1]:passed'],
    );
  });

  it('reads test cases of suites nested at any depth, in document order', () => {
    const got = cases(
      '<testsuites><testsuite name="a"><testcase name="one"/>' +
        '<testsuite name="b"><testsuite name="c"><testcase name="deep [REQ-9]"/></testsuite></testsuite>' +
        '</testsuite><testsuite name="d"><testcase name="two"/></testsuite></testsuites>',
    );
    assert.deepEqual(
      got.map(c => c.name),
      ['one', 'deep [REQ-9]', 'two'],
    );
    assert.deepEqual(got[1].targets, [{ id: 'REQ-9' }]);
  });

  it('reads <property name="verifies"> (one or several IDs) and ignores other properties', () => {
    const [c] = cases(
      '<testsuite><testcase name="t [REQ-1]"><properties>' +
        '<property name="verifies" value="REQ-2, ST-4#1"/><property name="owner" value="REQ-5"/>' +
        '<property name="verifies" value="REQ-1"/>' +
        '</properties></testcase></testsuite>',
    );
    assert.deepEqual(c.targets, [{ id: 'REQ-1' }, { id: 'REQ-2' }, { id: 'ST-4', ac: 1 }]);
  });

  it('ignores brackets that hold no ID', () => {
    const [c] = cases('<testsuite><testcase name="handles [] and [slow] and [req-1]"/></testsuite>');
    assert.deepEqual(c.targets, []);
  });

  it('reports XML that is not well-formed as one schema finding at the parser position, never throwing', () => {
    const r = readJUnit('<testsuite>\n  <testcase name="a">\n</testsuite>');
    assert.deepEqual(r.cases, []);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].code, 'schema');
    assert.match(r.problems[0].message, /^not well-formed JUnit XML: /);
    assert.equal(r.problems[0].range.start.line, 2);
  });

  it('says which tags a truncated file leaves open, at its end', () => {
    const r = readJUnit('<testsuites>\n  <testsuite name="s">\n    <testcase name="a"/>\n');
    assert.deepEqual(r.problems, [
      {
        code: 'schema',
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
        message: 'not well-formed JUnit XML: the file ends before <testsuites>, <testsuite> are closed',
      },
    ]);
  });

  it('reports a well-formed file that is not JUnit', () => {
    const r = readJUnit('<html><body/></html>');
    assert.deepEqual(r.cases, []);
    assert.deepEqual(
      r.problems.map(p => p.message),
      ['not JUnit XML: the root element is neither <testsuites> nor <testsuite>'],
    );
  });

  it('survives hostile input: entities are not expanded, empty and binary-ish text', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<testsuite><testcase name="&b; [REQ-1]"/></testsuite>';
    const [c] = cases(bomb);
    assert.equal(c.name, '&b; [REQ-1]');
    assert.equal(readJUnit('').problems.length, 1);
    assert.equal(readJUnit('<<<>>>').problems.length, 1);
  });
});

describe('latestRuns', () => {
  const run = (name: string, outcome: TestCase['outcome']): TestCase => ({
    name,
    classname: 'C',
    outcome,
    targets: [{ id: 'REQ-1' }],
  });

  it('keeps the newest run of each test case across several results files', () => {
    const got = latestRuns([
      { uri: 'file:///r/new.xml', mtime: 200, cases: [run('a', 'failed')] },
      { uri: 'file:///r/old.xml', mtime: 100, cases: [run('a', 'passed'), run('b', 'passed')] },
    ]);
    assert.deepEqual(got.map(r => `${r.test.name}:${r.test.outcome}:${r.uri}`).sort(), [
      'a:failed:file:///r/new.xml',
      'b:passed:file:///r/old.xml',
    ]);
  });

  it('between files of the same time, the last by URI wins whatever the order of reading', () => {
    const a = { uri: 'file:///r/a.xml', mtime: 5, cases: [run('t', 'passed')] };
    const b = { uri: 'file:///r/b.xml', mtime: 5, cases: [run('t', 'error')] };
    assert.equal(latestRuns([a, b])[0].test.outcome, 'error');
    assert.equal(latestRuns([b, a])[0].test.outcome, 'error');
  });
});
