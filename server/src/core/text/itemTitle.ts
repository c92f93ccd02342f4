import type { Item } from '../types';
import { oneLine } from './oneLine';

/**
 * An item's display title, the one definition: its `title` (a persona's
 * `name`, a vision's `product`) on one line; "" when it has none (or no
 * item). Hovers, completion, symbols, the views and the report show this.
 */
export function itemTitle(item: Item | undefined): string {
  if (!item) return '';
  for (const key of ['title', 'name', 'product']) {
    const v = item.fields[key];
    if (typeof v === 'string') {
      const t = oneLine(v);
      if (t !== '') return t;
    }
  }
  return '';
}
