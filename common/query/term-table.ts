/**
 * The shared term dictionary: every folded word, hashtag and handle that the tokenizer meets gets
 * an integer id, so that posts become arrays of numbers and the matcher compares and looks up
 * numbers instead of strings. An ASCII word is found straight from the text (hashed and compared
 * char by char while lower-casing), so the common case allocates no string at all.
 *
 * The table is bounded: when it holds more than `capacity` terms, it is rotated at the next post
 * boundary — every term that no saved query pins is dropped and its id reused. Posts analysed
 * before a rotation carry the old generation and are analysed again before they are matched
 * (analyze.ts), so a rotation never changes a result.
 */

const EMPTY = 0;

/** FNV-1a over UTF-16 code units; the same function as the inline hash of {@link TermTable.idOfAscii}. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

export class TermTable {
  /** id → folded term ('' for a free id). */
  readonly #terms: string[] = [];
  #hashes: Int32Array = new Int32Array(1024);
  /** Pin counts: terms that compiled queries refer to survive rotations with their id. */
  #pins: Int32Array = new Int32Array(1024);
  /**
   * Open addressing with linear probing, four ints per slot: hash, id + 1 (0 = empty), start and
   * length of the term's characters in `#chars`. A probe reads one cache line and then the
   * characters, never the string object.
   */
  #slots: Int32Array = new Int32Array(4 * 2048);
  #mask = 2047;
  #chars: Uint16Array = new Uint16Array(16_384);
  #charsUsed = 0;
  #free: number[] = [];
  #count = 0;
  #pinned = 0;
  /** Incremented by every rotation; an analysed post remembers the generation it was made in. */
  generation = 0;
  /** Unpinned terms kept before a rotation (mutable so that tests can force rotations). */
  capacity: number;

  constructor(capacity = 500_000) {
    this.capacity = capacity;
  }

  /** Number of live terms. */
  get size(): number {
    return this.#count;
  }

  /** One past the largest id ever handed out (size for arrays indexed by id). */
  get idLimit(): number {
    return this.#terms.length;
  }

  /** The folded term of an id. */
  term(id: number): string {
    return this.#terms[id]!;
  }

  /** How many compiled queries refer to the term (0 = no query can match on it alone). */
  pins(id: number): number {
    return this.#pins[id]!;
  }

  /**
   * The id of the lower-cased ASCII slice `text[start, end)`, interned if new. The caller
   * guarantees the slice is ASCII (then lower-casing equals {@link foldText}).
   */
  idOfAscii(text: string, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      h = Math.imul(h ^ c, 0x01000193);
    }
    const len = end - start;
    const slots = this.#slots;
    const chars = this.#chars;
    const mask = this.#mask;
    for (let s = mix(h) & mask; ; s = (s + 1) & mask) {
      const o = s << 2;
      const v = slots[o + 1]!;
      if (v === EMPTY) break;
      if (slots[o] !== h || slots[o + 3] !== len) continue;
      const at = slots[o + 2]! - start;
      let i = start;
      for (; i < end; i++) {
        let c = text.charCodeAt(i);
        if (c >= 65 && c <= 90) c += 32;
        if (chars[at + i] !== c) break;
      }
      if (i === end) return v - 1;
    }
    return this.#insert(text.slice(start, end).toLowerCase(), h);
  }

  /** The id of a folded term, interned if new. */
  idOf(term: string): number {
    const h = hashString(term);
    const found = this.#find(term, h);
    return found >= 0 ? found : this.#insert(term, h);
  }

  /** The id of a folded term, or -1 if no post word or query has it (it then occurs nowhere). */
  find(term: string): number {
    return this.#find(term, hashString(term));
  }

  pin(id: number): void {
    if (this.#pins[id]! === 0) this.#pinned++;
    this.#pins[id]!++;
  }

  unpin(id: number): void {
    if (this.#pins[id]! > 0 && --this.#pins[id]! === 0) this.#pinned--;
  }

  /**
   * Drops unpinned terms when the table is over capacity. Called only between posts; returns
   * true if it rotated (every id not pinned may now mean another term).
   */
  maybeRotate(): boolean {
    if (this.#count - this.#pinned <= this.capacity) return false;
    this.generation++;
    const terms = this.#terms;
    this.#free = [];
    for (let id = terms.length - 1; id >= 0; id--) {
      if (this.#pins[id] === 0) {
        terms[id] = '';
        this.#free.push(id);
      }
    }
    this.#count = this.#pinned;
    this.#rebuild(this.#slots.length >> 2);
    return true;
  }

  #find(term: string, h: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let s = mix(h) & mask; ; s = (s + 1) & mask) {
      const o = s << 2;
      const v = slots[o + 1]!;
      if (v === EMPTY) return -1;
      if (slots[o] === h && this.#terms[v - 1] === term) return v - 1;
    }
  }

  #insert(term: string, h: number): number {
    let id = this.#free.pop();
    if (id === undefined) {
      id = this.#terms.length;
      this.#terms.push(term);
      if (id >= this.#hashes.length) {
        this.#hashes = grow(this.#hashes, id * 2);
        this.#pins = grow(this.#pins, id * 2);
      }
    } else {
      this.#terms[id] = term;
    }
    this.#hashes[id] = h;
    this.#count++;
    // Keep the load factor at most one half, so that probe runs stay short.
    if (this.#count * 2 > this.#slots.length >> 2) this.#rebuild((this.#slots.length >> 2) * 2);
    else this.#place(id);
    return id;
  }

  #place(id: number): void {
    const term = this.#terms[id]!;
    if (this.#charsUsed + term.length > this.#chars.length) {
      const grown = new Uint16Array(Math.max(this.#chars.length * 2, this.#charsUsed + term.length));
      grown.set(this.#chars.subarray(0, this.#charsUsed));
      this.#chars = grown;
    }
    const at = this.#charsUsed;
    for (let i = 0; i < term.length; i++) this.#chars[at + i] = term.charCodeAt(i);
    this.#charsUsed += term.length;
    const slots = this.#slots;
    const h = this.#hashes[id]!;
    let s = mix(h) & this.#mask;
    while (slots[(s << 2) + 1] !== EMPTY) s = (s + 1) & this.#mask;
    const o = s << 2;
    slots[o] = h;
    slots[o + 1] = id + 1;
    slots[o + 2] = at;
    slots[o + 3] = term.length;
  }

  /** Re-creates slots and the character pool from the live terms (drops characters of freed ones). */
  #rebuild(size: number): void {
    this.#slots = new Int32Array(size * 4);
    this.#mask = size - 1;
    this.#charsUsed = 0;
    const terms = this.#terms;
    for (let id = 0; id < terms.length; id++) if (terms[id] !== '') this.#place(id);
  }
}

/** Spreads FNV's high bits into the low bits that select a slot. */
function mix(h: number): number {
  return h ^ (h >>> 15);
}

function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The process-wide table shared by the tokenizer, the analyser and every query index. */
export const terms = new TermTable();
