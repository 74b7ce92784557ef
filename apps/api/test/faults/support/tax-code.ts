/**
 * A valid partita IVA (check digit and all) unique to a run and a counter: 4 digits from `run`
 * (hex), 6 from `n`, the check digit. Lets tests create many enti gestori without collisions.
 */
export function uniquePartitaIva(run: string, n: number): string {
  const body = `${(parseInt(run, 16) % 9000) + 1000}${String(n % 1_000_000).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(body[i]);
    sum += i % 2 === 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}
