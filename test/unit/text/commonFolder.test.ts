import * as assert from 'node:assert/strict';
import { commonFolder } from '../../../server/src/core/text/commonFolder';

describe('text/commonFolder', () => {
  it('is the deepest folder of file-system paths, whole segments only', () => {
    assert.equal(commonFolder(['/w/specs/a', '/w/specs/b/c']), '/w/specs');
    assert.equal(commonFolder(['/w/spec', '/w/specs']), '/w');
    assert.equal(commonFolder(['/w/specs/', '/w/specs']), '/w/specs');
    assert.equal(commonFolder(['/w/specs']), '/w/specs');
  });

  it('keeps the separator of a file-system root and is undefined for two drives', () => {
    assert.equal(commonFolder(['/a', '/b']), '/');
    assert.equal(commonFolder(['/']), '/');
    assert.equal(commonFolder(['C:\\a\\x', 'C:\\b'], '\\'), 'C:\\');
    assert.equal(commonFolder(['C:\\a\\x', 'C:\\a\\y'], '\\'), 'C:\\a');
    assert.equal(commonFolder(['C:\\a', 'D:\\a'], '\\'), undefined);
    assert.equal(commonFolder([]), undefined);
  });

  it('works on URIs: below scheme and authority there is no common folder', () => {
    assert.equal(commonFolder(['file:///w/a', 'file:///w/b/'], '/', 3), 'file:///w');
    assert.equal(commonFolder(['file:///a', 'file:///b'], '/', 3), 'file://');
    assert.equal(commonFolder(['file:///a', 'vscode-vfs://github/a'], '/', 3), undefined);
    assert.equal(commonFolder(['file://host1/a', 'file://host2/a'], '/', 3), undefined);
  });
});
