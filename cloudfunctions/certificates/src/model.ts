/** Shared by the handlers: views, scope, the service block read, the verification link. */
import { randomBytes } from 'node:crypto'
import type { CertificateView } from '../../../core/contract/certificates'
import {
  certificateLog,
  certificates,
  type CertificateDoc,
} from '../../../core/contract/certificates.collections'
import { volunteers, type VolunteerDoc } from '../../../core/contract/people.collections'
import { serviceRecords } from '../../../core/contract/signin.collections'
import { groupService, MAX_PERIOD_DAYS, type ServiceLine } from '../../../core/certificates/service'
import { newCertificateNumber, parseCertificateNumber } from '../../../core/certificates/number'
import { AppError } from '../../../core/errors'
import { formatDate, parseShanghaiDate, shanghai } from '../../../core/time'
import { holdsOver } from '../../../server/auth'
import { holdingUnit } from '../../../server/units'
import { from, MAX_READ } from '../../../server/db'
import { serverEnv } from '../../../server/env'
import { isLocalCloud } from '../../../server/local-cloud'
import type { Caller, Command, Db } from '../../../server/types'

/** The issuing unit in the shape the scope check takes. */
export function issuingUnit(c: Pick<CertificateDoc, 'issuerUnitId' | 'issuerUnitPath' | 'issuerUnitName'>) {
  return holdingUnit({ unitId: c.issuerUnitId, unitPath: c.issuerUnitPath, unitName: c.issuerUnitName })
}

/** A certificate number as typed or scanned, checked (BAD_NUMBER otherwise). */
export function requireNumber(raw: string): string {
  const number = parseCertificateNumber(raw)
  if (!number) throw new AppError('BAD_NUMBER', '证书编号有误，请核对后重新输入（共 19 位，以 ZM 开头）')
  return number
}

export function canRevoke(caller: Caller | undefined, c: CertificateDoc): boolean {
  return Boolean(caller) && holdsOver(caller!, 'manager', issuingUnit(c))
}

export function view(c: CertificateDoc, caller?: Caller): CertificateView {
  return {
    number: c._id,
    status: c.status,
    name: c.name,
    volunteerNumber: c.volunteerNumber,
    idNumberMasked: c.idNumberMasked,
    from: c.from,
    to: c.to,
    minutes: c.minutes,
    groups: c.groups,
    issuer: {
      unitId: c.issuerUnitId,
      unitName: c.issuerUnitName,
      head: c.head,
      handler: c.handler,
      phone: c.phone,
    },
    issuedAt: c.issuedAt.getTime(),
    issuedVia: c.issuedVia,
    revokedAt: c.revokedAt ? c.revokedAt.getTime() : null,
    revokeReason: c.revokeReason,
    canRevoke: canRevoke(caller, c),
  }
}

/** The period's bounds as instants, checked: not in the future's far side, not longer than the limit. */
export function periodRange(p: { from: string; to: string }, now: Date): { start: Date; end: Date } {
  const start = parseShanghaiDate(p.from)
  const end = new Date(parseShanghaiDate(p.to).getTime() + 24 * 3600_000)
  if ((end.getTime() - start.getTime()) / 86_400_000 > MAX_PERIOD_DAYS) {
    throw new AppError('INVALID_PERIOD', '一份证明最多涵盖 5 年，请缩短时间段或分几份申请')
  }
  if (start.getTime() > now.getTime()) {
    throw new AppError('INVALID_PERIOD', '开始日期不能晚于今天')
  }
  return { start, end }
}

/** The volunteer's confirmed service in the period (activities and rated orders), grouped by month. */
export async function serviceBlock(db: Db, _: Command, openid: string, range: { start: Date; end: Date }) {
  const records = await from(db, serviceRecords).find((q) =>
    q
      .where({ openid, status: 'confirmed', activityStart: _.gte(range.start).and(_.lt(range.end)) })
      .orderBy('activityStart', 'asc')
      .limit(MAX_READ),
  )
  const lines: ServiceLine[] = records.map((r) => ({
    title: r.activityTitle,
    unitName: r.unitName,
    date: formatDate(r.activityStart),
    minutes: r.minutes ?? 0,
    kind: serviceRecords.orderIdOf(r.activityId) ? 'order' : 'activity',
  }))
  return groupService(lines)
}

export async function activeVolunteer(
  db: Db,
  where: { openid?: string; number?: string },
): Promise<VolunteerDoc> {
  const v = where.openid
    ? await from(db, volunteers).byId(where.openid)
    : await from(db, volunteers).first({ number: where.number })
  if (!v || v.status !== 'active') {
    throw new AppError(
      'NOT_VOLUNTEER',
      where.openid
        ? '您还不是注册志愿者，请先在「我的」中成为志愿者'
        : '没有找到这个志愿者编号，请核对后再试',
    )
  }
  return v
}

/** A fresh, unguessable number (crypto randomness). */
export function newNumber(now: Date): string {
  return newCertificateNumber(shanghai(now).year(), (n) => randomBytes(n))
}

export async function log(
  db: Db,
  entry: {
    number: string
    action: 'issue' | 'revoke'
    by: string
    at: Date
    unitPath: string[]
    openid: string
    detail: string
  },
): Promise<void> {
  await from(db, certificateLog).insert({
    _id: `${entry.number}:${entry.action}:${entry.at.getTime()}`,
    ...entry,
  })
}

/**
 * The public verification page a certificate's QR opens: `<base>/#/verify/pages/index/index?n=<number>`,
 * base = CERTIFICATE_VERIFY_BASE_URL (the published H5 app); on the local cloud, its own address.
 */
export function verifyUrl(number: string, env: Record<string, string | undefined> = process.env): string {
  let base = serverEnv(env).CERTIFICATE_VERIFY_BASE_URL
  if (!base && isLocalCloud(env)) {
    base = new URL((JSON.parse(env.TCB_CONTEXT_CNFG ?? '{}') as { URL: string }).URL).origin
  }
  if (!base) {
    throw new AppError(
      'NOT_CONFIGURED',
      '证明核验网址未配置，暂时无法生成证明文件，请联系管理员设置 CERTIFICATE_VERIFY_BASE_URL',
    )
  }
  return `${base.replace(/\/+$/, '')}/#/verify/pages/index/index?n=${number}`
}

export { certificates }
