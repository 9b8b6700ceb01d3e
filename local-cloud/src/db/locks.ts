/**
 * Transactions and their per-document locks.
 *
 * Isolation is pessimistic: a transaction locks every document it reads or writes (by collection and
 * `_id`) until it commits or aborts, so concurrent read-modify-write transactions on one counter
 * queue up instead of losing updates. Waits are FIFO; a wait that would close a cycle (deadlock)
 * fails at once with DATABASE_TRANSACTION_CONFLICT, the code @cloudbase/database's runTransaction
 * retries on. Writes outside transactions wait for the lock holder to finish, as MongoDB's do.
 */
import { CloudError } from '../errors'
import type { Doc } from './values'

export type TxState = 'active' | 'committed' | 'aborted' | 'expired'

interface Waiter {
  tx: Tx
  key: string
  resolve: () => void
  reject: (err: Error) => void
}

export class Tx {
  state: TxState = 'active'
  /** Pending writes per collection: the new document, or null for a removal. */
  readonly writes = new Map<string, Map<string, Doc | null>>()
  readonly locks = new Set<string>()
  /** Unique-index keys this transaction's pending documents claim, per document lock key. */
  readonly reservations = new Map<string, string[]>()
  waiting?: Waiter
  timer?: NodeJS.Timeout
  readonly ended: Promise<void>
  private markEnded!: () => void

  constructor(readonly id: string) {
    this.ended = new Promise((resolve) => {
      this.markEnded = resolve
    })
  }

  writesOf(collection: string): Map<string, Doc | null> {
    let m = this.writes.get(collection)
    if (!m) {
      m = new Map()
      this.writes.set(collection, m)
    }
    return m
  }

  finish(state: TxState): void {
    this.state = state
    if (this.timer) clearTimeout(this.timer)
    this.markEnded()
  }
}

export const lockKey = (collection: string, id: string): string => `${collection}\u0000${id}`

export function conflictError(detail: string): CloudError {
  return new CloudError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others (${detail}). Please check your request, but if the problem persists, contact us.`,
  )
}

export function transactionGoneError(id: string, state?: TxState): CloudError {
  const why =
    state === 'expired' ? ' (rolled back: not committed in time)' : state ? ` (already ${state})` : ''
  return new CloudError(
    'DATABASE_TRANSACTION_FAIL',
    `[ResourceUnavailable.TransactionNotExist] Transaction ${id} does not exist on the server${why}, transaction must be committed or aborted in time. Please check your request, but if the problem persists, contact us.`,
  )
}

export class LockManager {
  private readonly locks = new Map<string, { owner: Tx; queue: Waiter[] }>()

  owner(key: string): Tx | undefined {
    return this.locks.get(key)?.owner
  }

  /** Takes the lock for `tx`, waiting behind other holders; rejects on deadlock or timeout. */
  acquire(tx: Tx, key: string, timeoutMs: number): Promise<void> {
    const lock = this.locks.get(key)
    if (!lock) {
      this.locks.set(key, { owner: tx, queue: [] })
      tx.locks.add(key)
      return Promise.resolve()
    }
    if (lock.owner === tx) return Promise.resolve()
    for (let holder: Tx | undefined = lock.owner; holder;) {
      if (holder === tx) return Promise.reject(conflictError('deadlock'))
      const next: Waiter | undefined = holder.waiting
      holder = next ? this.locks.get(next.key)?.owner : undefined
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.dropWaiter(waiter)
        reject(conflictError('lock wait timeout'))
      }, timeoutMs)
      timer.unref()
      const waiter: Waiter = {
        tx,
        key,
        resolve: () => {
          clearTimeout(timer)
          tx.waiting = undefined
          resolve()
        },
        reject: (err) => {
          clearTimeout(timer)
          tx.waiting = undefined
          reject(err)
        },
      }
      tx.waiting = waiter
      lock.queue.push(waiter)
    })
  }

  private dropWaiter(waiter: Waiter): void {
    const lock = this.locks.get(waiter.key)
    if (lock) lock.queue = lock.queue.filter((w) => w !== waiter)
    if (waiter.tx.waiting === waiter) waiter.tx.waiting = undefined
  }

  /** Releases everything `tx` holds, handing each lock to its next live waiter. */
  releaseAll(tx: Tx, reason: Error): void {
    if (tx.waiting) {
      const w = tx.waiting
      this.dropWaiter(w)
      w.reject(reason)
    }
    for (const key of tx.locks) {
      const lock = this.locks.get(key)
      if (!lock || lock.owner !== tx) continue
      const next = lock.queue.shift()
      if (!next) {
        this.locks.delete(key)
        continue
      }
      lock.owner = next.tx
      next.tx.locks.add(key)
      next.resolve()
    }
    tx.locks.clear()
  }
}
