import type { SpecService } from '../core/service';
import type { Item } from '../core/types';

/** The item with an ID (the first definition of a duplicate), or undefined. */
export function findItem(service: SpecService, id: string): Item | undefined {
  return service.index.definitions(id.trim())[0];
}

/** The message for an ID no item has, naming the closest IDs (as `specwright trace` does). */
export function unknownIdMessage(service: SpecService, id: string): string {
  const near = service.index.closestIds(id.trim(), undefined);
  const list =
    near.length <= 1 ? near.join('') : `${near.slice(0, -1).join(', ')} or ${near[near.length - 1]}`;
  return `no item has the ID "${id}" in this workspace${near.length ? ` (did you mean ${list}?)` : ''}`;
}
