import type { RegistryEvent } from '../events/types.ts';

/** In-memory caches of immutable schemas and hot subject state, kept coherent by change events. */
export class RegistryCache {
  /** Applies a published change event (from this or any other instance). */
  onEvent(_event: RegistryEvent): void {}
}
