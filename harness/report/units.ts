/** Sizes as a kernel developer writes them: 16 KiB, 1 MiB, 4 GiB (exact, else bytes). */
export function bytes(n: bigint | number): string {
  const v = BigInt(n);
  const units: [bigint, string][] = [[1n << 40n, 'TiB'], [1n << 30n, 'GiB'], [1n << 20n, 'MiB'], [1n << 10n, 'KiB']];
  for (const [size, unit] of units) {
    if (v >= size && v % size === 0n) return `${v / size} ${unit}`;
  }
  return `${v} bytes`;
}
