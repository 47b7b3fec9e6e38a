/**
 * A bounded cache with approximately-LRU eviction in two generations: hits in the old generation are
 * promoted, and when the young one is full the old one is dropped whole. Unlike a delete-and-reinsert
 * Map, this never leaves holes that make V8's Map iteration (and so eviction) slow.
 */
export class Lru<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.half && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  /** Entries held (a promoted key may be counted twice); never more than the capacity. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}

/**
 * Small numeric ids for long strings (canonical texts, fingerprints), so memo keys built from them stay
 * short. Past `limit` strings it starts afresh and calls `onReset`: memos keyed by the old ids must go too.
 */
export class Interner {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly onReset: () => void,
  ) {}

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      if (this.ids.size >= this.limit) {
        this.ids.clear();
        this.onReset();
      }
      id = this.ids.size + 1;
      this.ids.set(text, id);
    }
    return id;
  }

  /** The id `text` holds now, without interning it. */
  peek(text: string): number | undefined {
    return this.ids.get(text);
  }

  clear(): void {
    this.ids.clear();
  }
}
