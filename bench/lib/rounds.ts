/**
 * Sequential database rounds, as opposed to round trips: two reads a function starts together
 * (Promise.all) are two trips but one round, and one round is what a user waits for on the platform
 * (tens of ms each). Counted on a local cloud started with `dbLatencyMs`: every database request then
 * waits that long before the database sees it, so requests sent together overlap in time and requests
 * sent one after another do not. The rounds of a call are the largest set of its requests no two of
 * which overlap (the longest chain of requests each sent after the previous one answered).
 */
import type { LocalCloud } from '../../local-cloud/src'
import type { AdminRequest } from '../../local-cloud/src/server'

/** A database request's span: sent (its arrival, before the injected latency) to answered. */
export interface Span {
  start: number
  end: number
  action: string
}

/** The most requests in `spans` no two of which overlap (greedy by earliest end: optimal). */
export function sequentialRounds(spans: readonly Span[]): number {
  let rounds = 0
  let lastEnd = Number.NEGATIVE_INFINITY
  for (const s of [...spans].sort((a, b) => a.end - b.end)) {
    if (s.start >= lastEnd) {
      rounds++
      lastEnd = s.end
    }
  }
  return rounds
}

/**
 * Runs `fn` (one function call at a time) and answers its database requests' spans. `latencyMs` must be
 * the `dbLatencyMs` the cloud was started with: the database sees a request that long after it was sent.
 */
export async function recordSpans<T>(
  cloud: LocalCloud,
  latencyMs: number,
  fn: () => Promise<T>,
): Promise<{ result: T; spans: Span[] }> {
  if (!(latencyMs > 0)) throw new Error('recordSpans needs a cloud started with dbLatencyMs > 0')
  const db = cloud.db as unknown as { handle: (req: AdminRequest) => Promise<unknown> }
  const original = db.handle
  const spans: Span[] = []
  db.handle = async (req) => {
    const start = performance.now() - latencyMs
    try {
      return await original.call(db, req)
    } finally {
      spans.push({ start, end: performance.now(), action: req.action })
    }
  }
  try {
    return { result: await fn(), spans }
  } finally {
    db.handle = original
  }
}
