import type { Db } from './types'

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

/**
 * `collection.add`. The SDK resolves some failures as `{ code, message }` instead of throwing
 * (@cloudbase/database collection.add returns `res` when `res.code` is set), so both are thrown here.
 */
export async function insert(
  db: Db,
  collection: string,
  doc: ({ _id: string } & object) | ({ _id: string } & object)[],
): Promise<void> {
  const res = (await db.collection(collection).add({ data: doc })) as unknown as {
    code?: string
    message?: string
  }
  if (res && typeof res === 'object' && res.code)
    throw Object.assign(new Error(res.message ?? res.code), { code: res.code })
}

export function isDuplicate(err: unknown): boolean {
  const e = err as { code?: string; errCode?: number; errMsg?: string; message?: string }
  const text = `${e?.code ?? ''} ${e?.errMsg ?? ''} ${e?.message ?? ''}`
  return /DUPLICATE|duplicate key|E11000/i.test(text)
}
