/** A tool's answer: the structured result, and the same JSON as text for clients that read only text. */
export function answer<T extends Record<string, unknown>>(structured: T) {
  return {
    structuredContent: structured,
    content: [{ type: 'text' as const, text: JSON.stringify(structured, null, 2) }],
  };
}
