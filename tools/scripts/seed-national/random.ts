/**
 * A seeded pseudo-random generator (sfc32, seeded through cyrb128), so that the same seed number
 * makes the same dataset on any machine. Math.random cannot be seeded; node:crypto is not
 * reproducible. Each part of the dataset draws from a stream of its own (`fork`), so that
 * changing how one table is generated does not reshuffle every other table.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    private readonly seed: number,
    private readonly stream: string,
  ) {
    [this.a, this.b, this.c, this.d] = cyrb128(`${seed}:${stream}`);
    for (let i = 0; i < 12; i++) this.next(); // let the first states mix
  }

  /** An independent stream for one part of the dataset. */
  fork(name: string): Random {
    return new Random(this.seed, `${this.stream}/${name}`);
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4_294_967_296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** One of the keys, with the probabilities of their weights. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    let left = this.float() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      left -= weight;
      if (left < 0) return key;
    }
    return (entries[entries.length - 1] as [T, number])[0];
  }

  /** `count` distinct items, in random order (a partial Fisher–Yates shuffle of a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.float() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** Roughly normal (sum of three uniforms), for sizes that cluster around a mean. */
  around(mean: number, spread: number): number {
    return mean + (this.float() + this.float() + this.float() - 1.5) * (spread / 0.5);
  }

  /** A version 4 UUID made of this stream's bits: reproducible, unlike gen_random_uuid(). */
  uuid(): string {
    const a = this.next();
    const b = (this.next() & 0xffff0fff) | 0x00004000; // version 4
    const c = (this.next() & 0x3fffffff) | 0x80000000; // RFC 4122 variant
    const d = this.next();
    return `${hex16(a >>> 16)}${hex16(a)}-${hex16(b >>> 16)}-${hex16(b)}-${hex16(c >>> 16)}-${hex16(c)}${hex16(d >>> 16)}${hex16(d)}`;
  }
}

/**
 * Draws items with probability proportional to their weight, by binary search over the
 * cumulative weights: thousands of draws among the 7,900 Comuni stay cheap.
 */
export class WeightedPool<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    items.forEach((item, i) => {
      sum += Math.max(0, weight(item));
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('a weighted pool needs a positive total weight');
    this.total = sum;
  }

  draw(rng: Random): T {
    const target = rng.float() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] as number) <= target) low = mid + 1;
      else high = mid;
    }
    return this.items[low] as T;
  }
}

// Hex of every 16-bit value: half a million UUIDs are made, and toString(16) is slow.
const HEX16 = Array.from({ length: 65_536 }, (_, n) => n.toString(16).padStart(4, '0'));
const hex16 = (n: number): string => HEX16[n & 0xffff] as string;

/** A 128-bit hash of a string, as four 32-bit words: the seed of a stream. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
