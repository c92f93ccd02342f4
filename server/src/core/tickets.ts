import type { TicketTemplate } from './config';
import { linearRegExp, UnsupportedPattern, type LinearRegExp } from './schema/linearPattern';
import type { Item, ItemKind } from './types';

/**
 * Tickets (format 1.1, "Tickets"): the keys an epic, PRD, requirement or
 * story names in its `tickets:` list, and the URL each one links to under
 * `.specwright.yaml` `tickets:`. Hover cards, document links, the Trace
 * view and reports all read a ticket through here.
 */

/** The kinds of item that may name tickets. */
export const ticketKinds: readonly ItemKind[] = ['epic', 'prd', 'requirement', 'story'];

/** A ticket key with the URL it links to; no `url` when no pattern of the configuration matches the key. */
export interface TicketLink {
  ticket: string;
  url?: string;
}

/** An item's ticket keys, in the order written: the non-empty texts of its `tickets` list. */
export function ticketsOf(item: Item): string[] {
  const list = item.fields.tickets;
  if (!Array.isArray(list)) return [];
  return list.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map(t => t.trim());
}

/** An item's tickets with their URLs. */
export function ticketLinksOf(item: Item, templates: readonly TicketTemplate[]): TicketLink[] {
  return ticketsOf(item).map(ticket => ticketLink(ticket, templates));
}

/**
 * A ticket key with its URL: the template of the first pattern (in the order
 * written) that matches the whole key, `{ticket}` replaced by the key,
 * percent-encoded (`acme/shop#42` → `acme%2Fshop%2342`).
 */
export function ticketLink(ticket: string, templates: readonly TicketTemplate[]): TicketLink {
  for (const t of templates) {
    if (wholeMatch(t.pattern)?.test(ticket))
      return { ticket, url: t.template.replaceAll('{ticket}', encodeURIComponent(ticket)) };
  }
  return { ticket };
}

/**
 * A pattern that matches only a whole key. `parseConfig` has run the pattern
 * alone through the engine, so the group closes it; a pattern that the
 * anchors push past the engine's size limit links nothing.
 */
function wholeMatch(pattern: string): LinearRegExp | undefined {
  try {
    return linearRegExp(`^(?:${pattern})$`);
  } catch (err) {
    if (err instanceof UnsupportedPattern) return undefined;
    throw err;
  }
}
