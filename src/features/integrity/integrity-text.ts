/** What the 异常核查 page writes about a flag's evidence (pure: tested in integrity-text.test.ts). */
import type { EvidenceRecord, FlagEvidence } from '@core/contract'

const SHANGHAI_MS = 8 * 3_600_000
const pad = (n: number) => String(n).padStart(2, '0')

/** "11月24日 09:05" in Shanghai time, whatever the phone's zone. */
export function shanghaiTime(ms: number): string {
  const d = new Date(ms + SHANGHAI_MS)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** "09:05:12" in Shanghai time (sign-ins seconds apart). */
export function shanghaiClock(ms: number): string {
  const d = new Date(ms + SHANGHAI_MS)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** "2小时30分", "45分钟" */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m}分钟`
  return m === 0 ? `${h}小时` : `${h}小时${m}分`
}

/** One record as a line of evidence. */
export function recordLine(r: EvidenceRecord): string {
  const who = r.name ?? '未留姓名'
  const out = r.signOutAt === null ? '未签退' : `签退 ${shanghaiTime(r.signOutAt)}`
  const credited = r.minutes === null ? '' : `，计 ${minutesText(r.minutes)}`
  return `${who}｜「${r.activityTitle}」（${r.unitName}，${shanghaiTime(r.activityStart)}–${shanghaiTime(r.activityEnd)}）签到 ${shanghaiTime(r.signInAt)}，${out}${credited}`
}

/** The evidence as lines a manager reads top to bottom. */
export function evidenceLines(e: FlagEvidence): string[] {
  switch (e.kind) {
    case 'HOURS_OVER_ACTIVITY':
      return [
        recordLine(e.record),
        `活动安排 ${minutesText(e.spanMinutes)}，确认 ${minutesText(e.record.minutes ?? 0)}，超出 ${minutesText(e.overMinutes)}（允许误差 ${e.toleranceMinutes} 分钟）`,
      ]
    case 'OVERLAPPING_SIGNINS':
      return [
        ...e.records.map(recordLine),
        `重叠 ${shanghaiTime(e.overlapFrom)}–${shanghaiTime(e.overlapTo)}，共 ${minutesText(e.overlapMinutes)}（允许误差 ${e.toleranceMinutes} 分钟）`,
      ]
    case 'SHARED_CODE_BURST':
      return [
        `「${e.activityTitle}」${shanghaiTime(e.codeShownAt)} 出示的签到码，网络地址 ${e.clientIp}：${e.accounts} 个账号在 ${e.windowSeconds} 秒内签到（${e.threshold} 个及以上即提示）`,
        ...e.records.map((r) => `${shanghaiClock(r.signInAt)} ${r.name ?? '未留姓名'}`),
      ]
    case 'SELF_UNIT_POINTS':
      return [
        `${shanghaiTime(e.line.at)} ${e.line.points > 0 ? '+' : ''}${e.line.points} 分：${e.line.explanation}`,
        e.line.byName ? `发放人：${e.line.byName}` : '由服务时长自动折算',
      ]
  }
}

/** A request id for credit.adjust (8–40 of [A-Za-z0-9_-]): a retried tap posts once. */
export function deductionRequestId(flagId: string, openid: string): string {
  let h = 0
  for (const ch of `${flagId}|${openid}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0
  return `ig-${flagId.slice(0, 24)}-${h.toString(36)}`.slice(0, 40)
}
