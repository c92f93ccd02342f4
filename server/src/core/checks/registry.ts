import { clipFindings, type CrossCheck, type LocalCheck } from './check';
import { dateOrder } from './dateOrder';
import { duplicateId } from './duplicateId';
import { kindMismatch } from './kindMismatch';
import { linkKind } from './linkKind';
import { missingAcceptance } from './missingAcceptance';
import { orphan } from './orphan';
import { priorityInversion } from './priorityInversion';
import { scheduleConflict } from './scheduleConflict';
import { statusRollup } from './statusRollup';
import { uncovered } from './uncovered';
import { unresolvedLink } from './unresolvedLink';

/** Checks that read one file. (yaml-syntax and schema come from parsing and validation.) */
export const localChecks: readonly LocalCheck[] = [kindMismatch, dateOrder, missingAcceptance, orphan].map(
  clipped,
);

/** Checks that read other files through the index. (dependency-cycle is graph-wide: graph/cycles.ts.) */
export const crossChecks: readonly CrossCheck[] = [
  duplicateId,
  unresolvedLink,
  linkKind,
  statusRollup,
  scheduleConflict,
  priorityInversion,
  uncovered,
].map(clipped);

/** A check whose findings' messages are clipped to maxMessageLength (they quote IDs, which can be huge). */
function clipped<C extends LocalCheck | CrossCheck>(check: C): C {
  type Run = (...args: unknown[]) => ReturnType<C['run']>;
  return { ...check, run: (...args: unknown[]) => clipFindings((check.run as Run).apply(check, args)) };
}
