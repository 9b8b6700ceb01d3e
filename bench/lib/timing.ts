import { performance } from 'node:perf_hooks'

export interface Summary {
  n: number
  mean: number
  p50: number
  p95: number
  p99: number
  min: number
  max: number
}

/** The q-quantile (0..1) of sorted samples, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil(q * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const total = sorted.reduce((s, x) => s + x, 0)
  return {
    n: sorted.length,
    mean: sorted.length ? total / sorted.length : Number.NaN,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  }
}

/** Times `fn` sequentially: `warmup` untimed runs, then `iterations` timed ones (milliseconds). */
export async function measure(
  fn: (i: number) => Promise<unknown>,
  { warmup = 30, iterations = 300 }: { warmup?: number; iterations?: number } = {},
): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn(i)
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const start = performance.now()
    await fn(i)
    samples.push(performance.now() - start)
  }
  return summarize(samples)
}

const ms = (x: number): string => `${x.toFixed(2)} ms`

/** One aligned line: label, p50, p95, mean, n. */
export function formatSummary(label: string, s: Summary): string {
  return `${label.padEnd(44)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}  mean ${ms(s.mean).padStart(10)}  (n=${s.n})`
}
