import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { maxMessageLength } from '../checks/check';
import { localChecks } from '../checks/registry';
import { codeTable } from '../codes';
import { docKinds, schemaFor } from '../schema/schemas';
import { recordFormat } from './fileRecord';

/**
 * What a cached analysis is valid for: the record format, the tool's
 * version, and either the host's build id (node/ hashes the running bundle,
 * which holds everything the analysis runs and reads besides the file, so
 * that any change of the code, released or not, invalidates every cache) or,
 * without one, a hash of what the local analysis reads besides the file (the
 * built-in schemas, the code table, the local checks, the message limit). A
 * cache written under another version is ignored as a whole.
 */
export function analyserVersion(toolVersion: string, buildId = ''): string {
  // With a build id, hashing the schemas again (15 ms of pure-JS SHA-256 at every start) would add nothing.
  if (buildId) return `${recordFormat}/${toolVersion}/${buildId}`;
  const inputs = JSON.stringify({
    schemas: docKinds.map(k => schemaFor(k)),
    codes: codeTable,
    checks: localChecks.map(c => c.code),
    maxMessageLength,
  });
  const hash = bytesToHex(sha256(utf8ToBytes(inputs))).slice(0, 16);
  return `${recordFormat}/${toolVersion}/${hash}`;
}
