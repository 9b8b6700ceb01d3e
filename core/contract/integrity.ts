/**
 * The integrity context's contract (issue 15 item 6, docs/integrity.md): fraud flags in a manager's
 * queue — never silent deductions. The timer raises flags; managers list those of their subtree, read
 * the evidence and resolve each once. The client imports types only.
 */
import * as z from 'zod'
import { action } from './define'

/** What a flag says happened. */
export type FlagKind =
  'HOURS_OVER_ACTIVITY' | 'OVERLAPPING_SIGNINS' | 'SHARED_CODE_BURST' | 'SELF_UNIT_POINTS'
export const FLAG_KINDS: readonly FlagKind[] = [
  'HOURS_OVER_ACTIVITY',
  'OVERLAPPING_SIGNINS',
  'SHARED_CODE_BURST',
  'SELF_UNIT_POINTS',
]
/** open: waiting in the queue; dismissed: 核实无误; confirmed: 确认违规 */
export type FlagStatus = 'open' | 'dismissed' | 'confirmed'

/** A service record as evidence, a snapshot at the time of the scan (times in ms since the epoch). */
export interface EvidenceRecord {
  recordId: string
  activityId: string
  activityTitle: string
  unitName: string
  openid: string
  name: string | null
  activityStart: number
  activityEnd: number
  signInAt: number
  signOutAt: number | null
  minutes: number | null
  status: string
  /** the client IP of the sign-in (CLIENTIP), when recorded */
  clientIp: string | null
  /** the rotating code's 30-second step the sign-in used, when recorded */
  codeStep: number | null
}

/** A credit ledger line as evidence. */
export interface EvidenceLine {
  lineId: string
  kind: string
  points: number
  explanation: string
  at: number
  unitId: string | null
  by: string
  byName: string | null
}

export type FlagEvidence =
  | {
      kind: 'HOURS_OVER_ACTIVITY'
      record: EvidenceRecord
      revision: number
      spanMinutes: number
      toleranceMinutes: number
      overMinutes: number
    }
  | {
      kind: 'OVERLAPPING_SIGNINS'
      records: [EvidenceRecord, EvidenceRecord]
      overlapFrom: number
      overlapTo: number
      overlapMinutes: number
      toleranceMinutes: number
    }
  | {
      kind: 'SHARED_CODE_BURST'
      activityId: string
      activityTitle: string
      clientIp: string
      codeStep: number
      /** when that code was shown (the start of its 30-second step) */
      codeShownAt: number
      records: EvidenceRecord[]
      accounts: number
      threshold: number
      windowSeconds: number
    }
  | {
      kind: 'SELF_UNIT_POINTS'
      line: EvidenceLine
      /** the units on the line's path the person holds a manager grant on */
      grantUnitIds: string[]
    }

/** One flag as the manager's page shows it. */
export interface FlagView {
  _id: string
  kind: FlagKind
  /** the kind in Chinese */
  kindName: string
  summary: string
  unitId: string
  unitName: string
  people: Array<{ openid: string; name: string | null }>
  status: FlagStatus
  raisedAt: number
  resolvedByName: string | null
  resolvedAt: number | null
  note: string | null
  /** false when the flag is about the caller, or already resolved */
  canResolve: boolean
  evidence: FlagEvidence
}

/** A flag's `_id`: a short kind prefix and a hash of the subject (core/integrity/rules.ts). */
const flagId = () =>
  z
    .string({ error: '缺少核查编号' })
    .regex(/^[a-z]{3}_[0-9a-f]{16,40}$/, '核查编号格式不对，请从列表重新打开')

export const FLAG_PAGE_SIZE = 20
export const FLAG_MAX_PAGES = 50
export const RESOLVE_NOTE_MAX = 200

export const integrity = {
  /** The flags of the units the caller manages (a grant reaches the unit's subtree), newest first, by page. */
  list: action<{ items: FlagView[]; page: number; hasMore: boolean }>()({
    input: z.object({
      status: z
        .enum(['open', 'dismissed', 'confirmed'], { error: '状态只能是待核查、核实无误或确认违规' })
        .default('open'),
      page: z
        .number({ error: '页码应为数字' })
        .int('页码应为整数')
        .min(0, '页码不能小于 0')
        .max(FLAG_MAX_PAGES - 1, `最多翻到第 ${FLAG_MAX_PAGES} 页，请先处理前面的记录`)
        .default(0),
    }),
    roles: ['manager'],
  }),

  /** One flag with its evidence. */
  get: action<{ flag: FlagView }>()({
    input: z.object({ id: flagId() }),
    roles: ['manager'],
  }),

  /**
   * Resolves an open flag once: 核实无误 (dismissed) or 确认违规 (confirmed, with a note). Never a flag about
   * oneself. Confirming changes no points: a deduction is a separate credit.adjust.
   */
  resolve: action<{ flag: FlagView }>()({
    input: z
      .object({
        id: flagId(),
        outcome: z.enum(['dismissed', 'confirmed'], { error: '请选择核实无误或确认违规' }),
        note: z
          .string({ error: '说明应为文字' })
          .trim()
          .max(RESOLVE_NOTE_MAX, `说明不能超过 ${RESOLVE_NOTE_MAX} 个字`)
          .default(''),
      })
      .refine((v) => v.outcome !== 'confirmed' || v.note.length >= 2, {
        message: '确认违规时请写明核查情况（至少 2 个字）',
        path: ['note'],
      }),
    roles: ['manager'],
  }),
}
