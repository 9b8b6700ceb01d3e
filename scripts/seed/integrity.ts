/**
 * Demo data of the integrity context (docs/integrity.md): a few open flags in the first station's
 * 异常核查 queue, as the timer would raise them. Their evidence describes demo people at demo activities
 * (records that are evidence only: the flags are what the demo shows). Subjects start with `demo:`, so
 * no scan of real data ever computes the same `_id`.
 */
import type { EvidenceRecord } from '../../core/contract/integrity'
import { integrityFlags, type FlagDoc } from '../../core/contract/integrity.collections'
import {
  BURST_THRESHOLD,
  BURST_WINDOW_SECONDS,
  HOURS_TOLERANCE_MINUTES,
  OVERLAP_TOLERANCE_MINUTES,
  flagId,
} from '../../core/integrity/rules'
import { DEMO_IDENTITIES, DEMO_IDS } from './county'
import { insertDocs, type SeedDb } from './insert'

const HOUR = 3_600_000
const MIN = 60_000
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]
const S01_NAME = '幸福里社区新时代文明实践站'
const S05_PATH = [DEMO_IDS.center, 'u-qh-i02', 'u-qh-s05']

/** The demo flags' subjects (their `_id`s are flagId(kind, subject)). */
export const DEMO_FLAG_SUBJECTS = {
  hours: 'demo:hours',
  overlap: 'demo:overlap',
  burst: 'demo:burst',
  selfUnit: 'demo:self-unit',
} as const

export const DEMO_FLAG_IDS = {
  hours: flagId('HOURS_OVER_ACTIVITY', DEMO_FLAG_SUBJECTS.hours),
  overlap: flagId('OVERLAPPING_SIGNINS', DEMO_FLAG_SUBJECTS.overlap),
  burst: flagId('SHARED_CODE_BURST', DEMO_FLAG_SUBJECTS.burst),
  selfUnit: flagId('SELF_UNIT_POINTS', DEMO_FLAG_SUBJECTS.selfUnit),
}

function record(
  over: Partial<EvidenceRecord> & Pick<EvidenceRecord, 'recordId' | 'openid' | 'activityStart'>,
): EvidenceRecord {
  return {
    activityId: over.recordId.split('_')[0]!,
    activityTitle: '社区环境清洁',
    unitName: S01_NAME,
    name: null,
    activityEnd: over.activityStart + 2 * HOUR,
    signInAt: over.activityStart,
    signOutAt: over.activityStart + 2 * HOUR,
    minutes: 120,
    status: 'confirmed',
    clientIp: null,
    codeStep: null,
    ...over,
  }
}

const base = (now: Date) => ({
  unitId: DEMO_IDS.firstStation,
  unitName: S01_NAME,
  unitPath: S01_PATH,
  status: 'open' as const,
  resolvedBy: null,
  resolvedByName: null,
  resolvedAt: null,
  note: null,
  raisedAt: now,
})

export function demoFlags(now: Date): FlagDoc[] {
  const day = Math.floor(now.getTime() / HOUR) * HOUR - 26 * HOUR
  const volunteer = DEMO_IDENTITIES.volunteer
  const hoursRecord = record({
    recordId: `demo-act-clean_${volunteer}`,
    openid: volunteer,
    name: '赵志强',
    activityStart: day,
    signOutAt: day + 2 * HOUR,
    minutes: 300,
  })
  const a = record({
    recordId: `demo-act-read_seed-volunteer-001`,
    activityTitle: '亲子共读',
    openid: 'seed-volunteer-001',
    activityStart: day - 24 * HOUR,
  })
  const b = record({
    recordId: `demo-act-visit_seed-volunteer-001`,
    activityTitle: '敬老院探访',
    unitName: '朝阳社区新时代文明实践站',
    openid: 'seed-volunteer-001',
    activityStart: day - 23 * HOUR,
  })
  const step = Math.floor((day - 48 * HOUR) / 30_000)
  const burst = [2, 3, 4, 5, 6].map((i) =>
    record({
      recordId: `demo-act-lecture_seed-volunteer-00${i}`,
      activityTitle: '理论宣讲进社区',
      openid: `seed-volunteer-00${i}`,
      activityStart: step * 30_000 - 10 * MIN,
      signInAt: step * 30_000 + i * 3000,
      clientIp: '203.0.113.7',
      codeStep: step,
    }),
  )
  return [
    {
      ...base(new Date(now.getTime() - 3 * HOUR)),
      _id: DEMO_FLAG_IDS.hours,
      kind: 'HOURS_OVER_ACTIVITY',
      subject: DEMO_FLAG_SUBJECTS.hours,
      openids: [volunteer],
      names: ['赵志强'],
      summary: '赵志强在「社区环境清洁」确认了 5小时，活动只安排了 2小时',
      evidence: {
        kind: 'HOURS_OVER_ACTIVITY',
        record: hoursRecord,
        revision: 2,
        spanMinutes: 120,
        toleranceMinutes: HOURS_TOLERANCE_MINUTES,
        overMinutes: 180,
      },
    },
    {
      ...base(new Date(now.getTime() - 2 * HOUR)),
      unitPath: [...new Set([...S01_PATH, ...S05_PATH])],
      _id: DEMO_FLAG_IDS.overlap,
      kind: 'OVERLAPPING_SIGNINS',
      subject: DEMO_FLAG_SUBJECTS.overlap,
      openids: ['seed-volunteer-001'],
      names: [null],
      summary: '未留姓名的志愿者同时在「亲子共读」和「敬老院探访」服务，重叠 1小时',
      evidence: {
        kind: 'OVERLAPPING_SIGNINS',
        records: [a, b],
        overlapFrom: b.signInAt,
        overlapTo: a.signOutAt!,
        overlapMinutes: 60,
        toleranceMinutes: OVERLAP_TOLERANCE_MINUTES,
      },
    },
    {
      ...base(new Date(now.getTime() - HOUR)),
      _id: DEMO_FLAG_IDS.burst,
      kind: 'SHARED_CODE_BURST',
      subject: DEMO_FLAG_SUBJECTS.burst,
      openids: burst.map((r) => r.openid),
      names: burst.map((r) => r.name),
      summary: `「理论宣讲进社区」有 5 个账号在 ${BURST_WINDOW_SECONDS} 秒内用同一个签到码、从同一网络地址（203.0.113.7）签到`,
      evidence: {
        kind: 'SHARED_CODE_BURST',
        activityId: 'demo-act-lecture',
        activityTitle: '理论宣讲进社区',
        clientIp: '203.0.113.7',
        codeStep: step,
        codeShownAt: step * 30_000,
        records: burst,
        accounts: 5,
        threshold: BURST_THRESHOLD,
        windowSeconds: BURST_WINDOW_SECONDS,
      },
    },
    {
      ...base(new Date(now.getTime() - 30 * MIN)),
      _id: DEMO_FLAG_IDS.selfUnit,
      kind: 'SELF_UNIT_POINTS',
      subject: DEMO_FLAG_SUBJECTS.selfUnit,
      openids: [DEMO_IDENTITIES.stationManager],
      names: ['刘建国'],
      summary: `「${S01_NAME}」的专管员刘建国获得本单位积分 20 分`,
      evidence: {
        kind: 'SELF_UNIT_POINTS',
        line: {
          lineId: 'demo-line-self',
          kind: 'service',
          points: 20,
          explanation: '「社区环境清洁」服务 2 小时，折合 20 分',
          at: day,
          unitId: DEMO_IDS.firstStation,
          by: 'system',
          byName: null,
        },
        grantUnitIds: [DEMO_IDS.firstStation],
      },
    },
  ]
}

export async function seedIntegrity(cloud: { db: SeedDb }, now: Date): Promise<void> {
  await insertDocs(cloud.db, integrityFlags, demoFlags(now))
}
