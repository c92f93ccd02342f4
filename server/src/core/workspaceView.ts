import type { TicketTemplate, TraceConfig } from './config';
import type { ReadonlyIndex } from './graph/workspaceIndex';
import type { ParsedYaml } from './parse/parseDocument';
import type { JsonSchema } from './schema/schemas';
import type { SuppressedDiagnostic } from './suppress/apply';
import type { ContentPrint } from './reviews/fingerprint';
import type { ReviewableLink } from './reviews/reviewedLinks';
import type { ParsedStamps } from './reviews/stamps';
import type { TraceIndex } from './refs/traceStore';
import type { Diagnostic, Item } from './types';

/**
 * What features (hover, completion, views, reports ...) read of the
 * workspace: the index, syntax trees of open documents, diagnostics and the
 * settings that shape answers. `SpecService` implements it; a feature that
 * takes a `WorkspaceView` cannot apply a change, load a configuration or
 * change a setting, so answering a request never changes what the next one
 * sees.
 */
export interface WorkspaceView {
  readonly index: ReadonlyIndex;
  /** References from code and tests, and test results (format 1.1). */
  readonly traces: TraceIndex;
  /** The editor's text of an open document that is not a spec file (a code or test file), or undefined. */
  sourceText(uri: string): string | undefined;
  /** The editor's text of an open spec document, or undefined when it is not open. */
  openText(uri: string): string | undefined;
  /** The syntax tree of an open document (built on first use), or undefined when it is not open. */
  tree(uri: string): { version?: number; parsed: ParsedYaml } | undefined;
  /** A file's diagnostics with the workspace's severities applied, in source order, suppressed ones left out. */
  diagnostics(uri: string): Diagnostic[];
  /** The findings of a file that suppression comments hide. */
  suppressed(uri: string): SuppressedDiagnostic[];
  /** URIs that can have diagnostics: spec files and config files with findings. */
  uris(): string[];
  /** The team schema that applies to a spec file, if any. */
  extensionSchema(uri: string): JsonSchema | undefined;
  /** The roots that keep review stamps (a `specwright.reviews` file), in order. */
  reviewRoots(): string[];
  /** The root whose review stamps apply to a file (the innermost that keeps stamps), if any. */
  reviewsRootOf(uri: string): string | undefined;
  /** A root's review stamps as read (undefined: it has no `specwright.reviews`). */
  reviewStamps(rootUri: string): ParsedStamps | undefined;
  /** Every link held by an item under a root, with the upstream item it is reviewed against. */
  reviewableLinks(rootUri: string): ReviewableLink[];
  /** An item's content print under the `reviews.content` of a root's configuration. */
  contentPrint(item: Item, rootUri: string): ContentPrint;
  /** The folder whose configuration applies to a file, and its `trace:`, where it sets one. */
  traceRootOf(uri: string): { rootUri: string; trace: TraceConfig } | undefined;
  /** The `tickets:` templates of the configuration that applies to a file (none: an empty list). */
  ticketTemplates(uri: string): readonly TicketTemplate[];
}
