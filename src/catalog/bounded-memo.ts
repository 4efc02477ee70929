/**
 * A Map with a size cap, for memoizing lookups keyed by client-supplied model names: without the cap a
 * client sending random names would grow it without limit. Evicts the oldest insertion first, which is
 * enough here because the working set of real model names is far below the cap.
 */
export class BoundedMemo<Key, Value> {
  readonly #entries = new Map<Key, Value>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(key: Key): Value | undefined {
    return this.#entries.get(key);
  }

  set(key: Key, value: Value): void {
    if (this.#entries.size >= this.#capacity && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }
}
