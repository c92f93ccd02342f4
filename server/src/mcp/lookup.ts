import type { SpecService } from '../core/service';
import type { Item, ItemKind } from '../core/types';

/** The item with an ID (the first definition of a duplicate), or undefined. */
export function findItem(service: SpecService, id: string): Item | undefined {
  return service.index.definitions(id.trim())[0];
}

/**
 * The message for an ID no item has, naming the closest IDs (as `specwright
 * trace` does); with `kinds`, only IDs of those kinds.
 */
export function unknownIdMessage(service: SpecService, id: string, kinds?: readonly ItemKind[]): string {
  const what = kinds?.length === 1 ? `no ${kinds[0]} has` : 'no item has';
  return `${what} the ID "${id}" in this workspace${didYouMean(service, id, kinds)}`;
}

/** ` (did you mean A, B or C?)` with the closest IDs (of those kinds), or nothing when none is close. */
export function didYouMean(service: SpecService, id: string, kinds?: readonly ItemKind[]): string {
  const near = service.index.closestIds(id.trim(), kinds);
  const list =
    near.length <= 1 ? near.join('') : `${near.slice(0, -1).join(', ')} or ${near[near.length - 1]}`;
  return near.length ? ` (did you mean ${list}?)` : '';
}
