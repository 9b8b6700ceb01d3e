/**
 * Demo data of the certificates context: issuer blocks for the first station and the center, and two
 * certificates of the demo volunteer — one valid, one revoked — so 我的证书, the managers' list and the
 * public verify page have something to show. Numbers are real ones (check character included), drawn from
 * a fixed sequence so the demo is the same on every start.
 */
import {
  certificateIssuers,
  certificateLog,
  certificates,
  type CertificateDoc,
  type IssuerDoc,
} from '../../core/contract/certificates.collections'
import { newCertificateNumber } from '../../core/certificates/number'
import { formatDate } from '../../core/time'
import { demoTeams, demoUnits, demoUsers, DEMO_IDENTITIES, DEMO_IDS } from './county'
import { insertDocs, type SeedDb } from './insert'
import { demoPeople } from './people'

const DAY = 86_400_000
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]
const S01_NAME = '幸福里社区新时代文明实践站'

/** Fixed "random" bytes: demo numbers are stable; real ones come from crypto (cloudfunctions/certificates). */
function fixedBytes(seed: number) {
  return (n: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 17 + 7) % 256)
}

export function demoCertificates(now: Date) {
  const issuers: IssuerDoc[] = [
    {
      _id: DEMO_IDS.firstStation,
      unitName: S01_NAME,
      unitPath: S01_PATH,
      head: '王建国',
      handler: '李晓红',
      phone: '0631-5201234',
      updatedBy: DEMO_IDENTITIES.stationManager,
      updatedAt: new Date(now.getTime() - 30 * DAY),
    },
    {
      _id: DEMO_IDS.center,
      unitName: '青禾县新时代文明实践中心',
      unitPath: [DEMO_IDS.center],
      head: '张志远',
      handler: '陈静',
      phone: '0631-5200000',
      updatedBy: DEMO_IDENTITIES.centerAdmin,
      updatedAt: new Date(now.getTime() - 60 * DAY),
    },
  ]
  const v = demoPeople(demoUnits(), demoTeams(), demoUsers(now), now).volunteers.find(
    (x) => x._id === DEMO_IDENTITIES.volunteer,
  )!
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()
  const base = (seed: number, from: string, to: string, issuedAt: Date): CertificateDoc => ({
    _id: newCertificateNumber(year, fixedBytes(seed)),
    openid: v._id,
    name: v.name,
    volunteerNumber: v.number,
    idNumberMasked: v.idNumberMasked,
    from,
    to,
    minutes: 540,
    groups: [
      {
        month: from.slice(0, 7),
        minutes: 540,
        lines: [
          { title: '社区环境清洁', unitName: S01_NAME, date: from, minutes: 180, kind: 'activity' },
          { title: '理论宣讲进社区', unitName: S01_NAME, date: from, minutes: 360, kind: 'activity' },
        ],
        more: 0,
      },
    ],
    issuerUnitId: DEMO_IDS.firstStation,
    issuerUnitName: S01_NAME,
    issuerUnitPath: S01_PATH,
    head: '王建国',
    handler: '李晓红',
    phone: '0631-5201234',
    issuedAt,
    issuedBy: v._id,
    issuedVia: 'self',
    status: 'issued',
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
    pdfFileId: null,
  })
  const first = new Date(now.getTime() - 20 * DAY)
  const second = new Date(now.getTime() - 10 * DAY)
  const valid = base(1, formatDate(now.getTime() - 90 * DAY), formatDate(first), first)
  const revoked: CertificateDoc = {
    ...base(2, formatDate(now.getTime() - 60 * DAY), formatDate(second), second),
    status: 'revoked',
    revokedAt: new Date(second.getTime() + DAY),
    revokedBy: DEMO_IDENTITIES.stationManager,
    revokeReason: '服务时长录入有误，已重新出具',
  }
  const log = [valid, revoked].flatMap((c) => [
    {
      _id: `${c._id}:issue:${c.issuedAt.getTime()}`,
      number: c._id,
      action: 'issue' as const,
      by: c.issuedBy,
      at: c.issuedAt,
      unitPath: c.issuerUnitPath,
      openid: c.openid,
      detail: `本人申请：${c.from} 至 ${c.to}，${c.minutes} 分钟`,
    },
    ...(c.revokedAt
      ? [
          {
            _id: `${c._id}:revoke:${c.revokedAt.getTime()}`,
            number: c._id,
            action: 'revoke' as const,
            by: c.revokedBy!,
            at: c.revokedAt,
            unitPath: c.issuerUnitPath,
            openid: c.openid,
            detail: `撤销原因：${c.revokeReason}`,
          },
        ]
      : []),
  ])
  return { issuers, certificates: [valid, revoked], log }
}

export async function seedCertificates(cloud: { db: SeedDb }, now: Date): Promise<void> {
  const demo = demoCertificates(now)
  await insertDocs(cloud.db, certificateIssuers, demo.issuers)
  await insertDocs(cloud.db, certificates, demo.certificates)
  await insertDocs(cloud.db, certificateLog, demo.log)
}
