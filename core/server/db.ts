/**
 * Thin typing over wx-server-sdk's query results (its typings union them with callback-style `void`).
 * Reads never exceed 1000 documents per call (platform-facts: limit() is clamped to 1000).
 */
export const MAX_READ = 1000

export async function rows<T>(query: Promise<unknown> | unknown): Promise<T[]> {
  const res = (await query) as { data?: T[] }
  return res.data ?? []
}

export async function one<T>(query: Promise<unknown> | unknown): Promise<T | undefined> {
  return (await rows<T>(query))[0]
}

export async function aggregateRows<T>(query: Promise<unknown> | unknown): Promise<T[]> {
  const res = (await query) as { list?: T[] }
  return res.list ?? []
}

export async function counted(query: Promise<unknown> | unknown): Promise<number> {
  const res = (await query) as { total?: number }
  return res.total ?? 0
}

export async function updatedCount(query: Promise<unknown> | unknown): Promise<number> {
  const res = (await query) as { stats?: { updated?: number } }
  return res.stats?.updated ?? 0
}
