/**
 * A bounded cache with approximately-LRU eviction in two generations: hits in the old generation are
 * promoted, and when the young one is full the old one is dropped whole. Unlike a delete-and-reinsert
 * Map, this never leaves holes that make V8's Map iteration (and so eviction) slow.
 */
export class Lru {
    young = new Map();
    old = new Map();
    half;
    constructor(capacity) {
        this.half = Math.max(1, Math.floor(capacity / 2));
    }
    get(key) {
        const hit = this.young.get(key);
        if (hit !== undefined)
            return hit;
        const aged = this.old.get(key);
        if (aged !== undefined)
            this.set(key, aged);
        return aged;
    }
    set(key, value) {
        if (this.young.size >= this.half && !this.young.has(key)) {
            this.old = this.young;
            this.young = new Map();
        }
        this.young.set(key, value);
    }
    clear() {
        this.young = new Map();
        this.old = new Map();
    }
    /** Entries held (a promoted key may be counted twice); never more than the capacity. */
    get size() {
        return this.young.size + this.old.size;
    }
}
/**
 * Small numeric ids for long strings (canonical texts, fingerprints), so memo keys built from them stay
 * short. Past `limit` strings it starts afresh and calls `onReset`: memos keyed by the old ids must go too.
 */
export class Interner {
    limit;
    onReset;
    ids = new Map();
    constructor(limit, onReset) {
        this.limit = limit;
        this.onReset = onReset;
    }
    id(text) {
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
    peek(text) {
        return this.ids.get(text);
    }
    clear() {
        this.ids.clear();
    }
}
