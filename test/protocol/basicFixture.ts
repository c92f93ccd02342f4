import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { range } from './tempWorkspace';

/**
 * What the server must publish for test/fixtures/protocol-basic:
 * a.prd.yaml links REQ-999 (defined nowhere) and shares REQ-DUP with b.prd.yaml;
 * broken.epic.yaml has a bad status; the roadmap and checkout epic are clean.
 */
export const unresolvedInA: Diagnostic = {
  range: range(8, 17, 8, 24),
  severity: 1,
  code: 'unresolved-link',
  source: 'specwright',
  message: 'REQ-999 is not defined in this workspace',
  data: { target: 'REQ-999', field: 'depends_on', from: 'REQ-1', kinds: ['requirement'] },
};

export function duplicateInA(uri: (relative: string) => string): Diagnostic {
  return {
    range: range(9, 8, 9, 15),
    severity: 1,
    code: 'duplicate-id',
    source: 'specwright',
    message: 'REQ-DUP is defined 2 times; IDs must be unique in the workspace',
    relatedInformation: [
      {
        location: { uri: uri('b.prd.yaml'), range: range(8, 8, 8, 15) },
        message: 'another definition of REQ-DUP',
      },
    ],
    data: { id: 'REQ-DUP' },
  };
}

export function expectedA(uri: (relative: string) => string): Diagnostic[] {
  return [unresolvedInA, duplicateInA(uri)];
}

/** A requirement REQ-999, to append to a prd file's requirements. */
export const req999 = [
  '  - id: REQ-999',
  '    title: The missing one',
  '    statement: Now it exists.',
  '    priority: should',
  '',
].join('\n');

/** Codes of a publish, in order. */
export function codes(p: { diagnostics: Diagnostic[] } | undefined): string[] {
  return (p?.diagnostics ?? []).map(d => String(d.code));
}
