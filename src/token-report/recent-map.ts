/**
 * A map that forgets what was not used lately: at most `2 × half` entries, in two
 * generations. When the young one is full it becomes the old one and the old one is
 * dropped; an entry read from the old one moves to the young one. Cheaper than a
 * strict LRU (no reordering on every read), and as bounded.
 */
export class RecentMap<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly half: number) {}

  get(key: string): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: string, value: V): void {
    if (!this.young.has(key) && this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.old.delete(key);
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
