import type { ServerCapabilities } from 'vscode-languageserver';

/**
 * Combine the capabilities features contribute. Nested objects (such as
 * `workspace`) merge key by key; anything else is taken from the later feature.
 */
export function mergeCapabilities(parts: ReadonlyArray<ServerCapabilities | void>): ServerCapabilities {
  const out: Record<string, unknown> = {};
  for (const part of parts) if (part) mergeInto(out, part as Record<string, unknown>);
  return out as ServerCapabilities;
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) mergeInto(existing, value);
    else target[key] = isPlainObject(value) ? mergeInto({}, value) : value;
  }
  return target;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
