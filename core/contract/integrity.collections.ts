/** The integrity context's collections (issue 15 item 6): fraud flags for a manager's queue, and the scan cursors. docs/integrity.md. */
import { collection } from './collection'
import type { FlagEvidence, FlagKind, FlagStatus } from './integrity'

/**
 * One fraud flag. `_id` = flagId(kind, subject) (core/integrity/rules.ts: a kind prefix and a hash): the subject is what the
 * flag is about (a record and its revision, a pair of records, an activity's code view and IP, a ledger
 * line), so a retried or resumed scan meets the flag it already raised and never raises it twice.
 * Raised by the timer only; resolved once by a manager of the unit (status `open` → `dismissed` |
 * `confirmed`, one conditional update). A flag never changes points: a deduction is a separate
 * `credit.adjust` a manager makes after confirming.
 */
export interface FlagDoc {
  _id: string
  kind: FlagKind
  subject: string
  /** the unit the flag is about (the activity's or the ledger line's) */
  unitId: string
  unitName: string
  /** the unit's ancestors and the unit itself: the managers of any of them see the flag */
  unitPath: string[]
  /** the people the flag is about: they never resolve it */
  openids: string[]
  names: Array<string | null>
  /** one Chinese sentence for the queue */
  summary: string
  evidence: FlagEvidence
  status: FlagStatus
  raisedAt: Date
  resolvedBy: string | null
  resolvedByName: string | null
  resolvedAt: Date | null
  note: string | null
}

/** Where one scan stream got to: `_id` = the stream ('records', 'signins', 'ledger'). */
export interface IntegrityCursorDoc {
  _id: string
  at: Date
}

export const integrityFlags = collection<FlagDoc>()({
  name: 'integrity_flags',
  description:
    '异常核查: fraud flags (_id = a kind prefix + a hash of the subject, raised once by the timer) with their evidence, in the queue of the managers of unitPath until resolved once (dismissed | confirmed).',
  indexes: [
    { name: 'unitpath_status_raised', keys: { unitPath: 1, status: 1, raisedAt: -1 } },
    { name: 'openids', keys: { openids: 1 } },
  ],
})

export const integrityCursors = collection<IntegrityCursorDoc>()({
  name: 'integrity_cursors',
  description:
    "Where the integrity timer got to in each stream it scans (service records by confirmedAt, sign-ins by signInAt, credit's ledger by at).",
  indexes: [],
})
