/**
 * Transactions for the ledger (docs/architecture.md "Contexts that use transactions"): the whole attempt
 * runs again, bounded, after a short random pause, for any failure that is not our own AppError (the
 * SDK does not retry a conflict met inside the callback).
 */
import { AppError } from '../../../core/errors'
import { isNotFound } from '../../../server/router'
import { countCommittedLines } from '../../../server/stats'
import type { Db } from '../../../server/types'

export type Tx = Awaited<ReturnType<Db['startTransaction']>>

const ATTEMPTS = 12
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function inTransaction<T>(db: Db, attempt: (tx: Tx) => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    const tx = await db.startTransaction()
    try {
      const out = await attempt(tx)
      await tx.commit()
      await countCommittedLines(db, tx) // the points figures of its ledger lines (server/stats.ts)
      return out
    } catch (err) {
      await Promise.resolve(tx.rollback()).catch(() => undefined)
      if (err instanceof AppError) throw err
      if (i >= ATTEMPTS) throw new AppError('CONFLICT', '积分账户正忙，请稍后再试')
      await pause(5 + Math.random() * 10 * Math.min(2 ** i, 64))
    }
  }
}

/** A document read inside a transaction, or undefined when there is none. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | undefined> {
  try {
    const res = (await tx.collection(collection).doc(id).get()) as { data?: T | null }
    return res.data ?? undefined
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}

/** `doc(id).set` inside a transaction: the stored fields without `_id` (the SDK refuses it in data). */
export async function txSet<T extends { _id: string }>(tx: Tx, collection: string, doc: T): Promise<void> {
  const { _id, ...data } = doc
  await tx.collection(collection).doc(_id).set({ data })
}
