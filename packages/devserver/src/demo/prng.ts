/**
 * A small seeded pseudo-random generator (sfc32, seeded through xmur3 string hashing), so the demo data is the
 * same for the same seed: no `Math.random` anywhere in the demo.
 */

/** Seeded random helpers. */
export interface Prng {
    /** A float in [0, 1). */
    next(): number;
    /** An integer in [min, max] (inclusive). */
    int(min: number, max: number): number;
    /** True with probability `p`. */
    chance(p: number): boolean;
    /** One element of a non-empty list. */
    pick<T>(items: readonly T[]): T;
    /** One element, chosen with the given relative weights. */
    weighted<T>(items: readonly (readonly [T, number])[]): T;
    /** A lower-case hex string of `length` digits. */
    hex(length: number): string;
    /** A derived, independent generator (so adding draws in one part does not shift another). */
    fork(label: string): Prng;
}

/** xmur3: a 32-bit string hash that yields a stream of seeds. */
function xmur3(text: string): () => number {
    let h = 1779033703 ^ text.length;
    for (let i = 0; i < text.length; i++) {
        h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
        h = (h << 13) | (h >>> 19);
    }
    return () => {
        h = Math.imul(h ^ (h >>> 16), 2246822507);
        h = Math.imul(h ^ (h >>> 13), 3266489909);
        h ^= h >>> 16;
        return h >>> 0;
    };
}

/**
 * A generator for a seed (number or text).
 *
 * @example const r = createPrng(42); r.int(1, 6) // the same number on every run
 */
export function createPrng(seed: number | string): Prng {
    const seedText = String(seed);
    const hash = xmur3(seedText);
    let a = hash();
    let b = hash();
    let c = hash();
    let d = hash();
    const next = (): number => {
        a >>>= 0;
        b >>>= 0;
        c >>>= 0;
        d >>>= 0;
        let t = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        t = (t + d) | 0;
        c = (c + t) | 0;
        return (t >>> 0) / 4294967296;
    };
    // Warm up, as sfc32 recommends.
    for (let i = 0; i < 12; i++) next();
    const prng: Prng = {
        next,
        int: (min, max) => min + Math.floor(next() * (max - min + 1)),
        chance: (p) => next() < p,
        pick: <T>(items: readonly T[]): T => {
            const item = items[Math.floor(next() * items.length)];
            if (item === undefined) throw new RangeError('pick() from an empty list');
            return item;
        },
        weighted: <T>(items: readonly (readonly [T, number])[]): T => {
            const total = items.reduce((sum, [, w]) => sum + w, 0);
            let x = next() * total;
            for (const [item, w] of items) {
                x -= w;
                if (x < 0) return item;
            }
            const last = items[items.length - 1];
            if (last === undefined) throw new RangeError('weighted() from an empty list');
            return last[0];
        },
        hex: (length) => {
            let s = '';
            while (s.length < length) s += Math.floor(next() * 16).toString(16);
            return s;
        },
        fork: (label) => createPrng(`${seedText}/${label}`),
    };
    return prng;
}
