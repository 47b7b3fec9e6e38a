/** A bounded map that evicts the least recently used entry; Map keeps insertion order, so re-inserting on read is enough. */
export class Lru {
    capacity;
    entries = new Map();
    /** The most recently used key: reading it again needs no re-insertion (the by-id hot path's common case). */
    newest;
    constructor(capacity) {
        this.capacity = capacity;
    }
    get(key) {
        const value = this.entries.get(key);
        if (value !== undefined && key !== this.newest) {
            this.entries.delete(key);
            this.entries.set(key, value);
            this.newest = key;
        }
        return value;
    }
    set(key, value) {
        this.entries.delete(key);
        this.entries.set(key, value);
        this.newest = key;
        if (this.entries.size > this.capacity) {
            const oldest = this.entries.keys().next();
            if (oldest.done !== true)
                this.entries.delete(oldest.value);
        }
    }
    delete(key) {
        this.entries.delete(key);
        if (key === this.newest)
            this.newest = undefined;
    }
    clear() {
        this.entries.clear();
        this.newest = undefined;
    }
    get size() {
        return this.entries.size;
    }
}
