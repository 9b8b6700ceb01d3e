/**
 * Transactions: their state, pending writes and write locks, and the platform's transaction errors.
 *
 * Isolation is snapshot isolation, as on the platform (MongoDB underneath TCB): a transaction reads
 * the committed state as of its first operation (plus its own writes) and takes no lock for reading.
 * Writing a document takes that document's write lock; a transactional write to a document that
 * another transaction has written (first writer wins) or that anyone committed a change to since the
 * snapshot fails at once with DATABASE_TRANSACTION_CONFLICT and aborts the transaction. Writes
 * outside transactions wait for a write lock's holder to finish (they never wait for a reader).
 * The engine keeps the versions a snapshot may still need (engine.ts, `history`).
 */
import { CloudError } from '../errors'
import type { Doc } from './values'

export type TxState = 'active' | 'committed' | 'aborted' | 'expired'

export class Tx {
  state: TxState = 'active'
  /** The commit sequence number the transaction reads at; set by its first operation. */
  snapshot?: number
  /** Pending writes per collection: the new document, or null for a removal. */
  readonly writes = new Map<string, Map<string, Doc | null>>()
  /** Write locks held (lock keys, see `lockKey`). */
  readonly locks = new Set<string>()
  /** Unique-index keys this transaction's pending documents claim, per document lock key. */
  readonly reservations = new Map<string, string[]>()
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

export const TRANSACTION_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT'

/** The platform's answer to a conflicting transactional write (code and text as TCB sends them). */
export function conflictError(): CloudError {
  return new CloudError(
    TRANSACTION_CONFLICT,
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  )
}

/** The platform's answer to any use of a transaction that was committed, aborted or timed out. */
export function transactionGoneError(): CloudError {
  return new CloudError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
  )
}
