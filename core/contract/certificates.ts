/**
 * The certificates context (志愿服务记录证明, issue 15 item 7): a volunteer's service record certificate
 * with the four blocks of 民发〔2015〕149号 — volunteer, service, issuer, number and date — as a PDF with a
 * QR code that opens a public verification page. docs/certificates.md. The client imports types only.
 */
import * as z from 'zod'
import { action, fields } from './define'

export type CertificateStatus = 'issued' | 'revoked'

/** One month of the service block. */
export interface CertificateServiceGroup {
  /** YYYY-MM */
  month: string
  minutes: number
  lines: Array<{ title: string; unitName: string; date: string; minutes: number; kind: 'activity' | 'order' }>
  /** lines beyond those shown */
  more: number
}

/** A certificate as its holder or a manager of the issuing unit sees it. */
export interface CertificateView {
  /** the certificate number (证书编号), canonical form */
  number: string
  status: CertificateStatus
  /** volunteer block */
  name: string
  volunteerNumber: string
  /** masked (3707**********1234), null when the volunteer gave none */
  idNumberMasked: string | null
  /** service block: the period asked for (YYYY-MM-DD, inclusive) */
  from: string
  to: string
  minutes: number
  groups: CertificateServiceGroup[]
  /** issuer block */
  issuer: IssuerView
  /** ms since the epoch */
  issuedAt: number
  /** 'self': requested in 我的证书; 'manager': issued by a manager for the volunteer */
  issuedVia: 'self' | 'manager'
  revokedAt: number | null
  revokeReason: string | null
  /** true when the caller may revoke it (a manager of the issuing unit or above) */
  canRevoke: boolean
}

/** The issuer block (出具单位): set per unit by its managers. */
export interface IssuerView {
  unitId: string
  unitName: string
  /** 负责人 */
  head: string
  /** 经办人 */
  handler: string
  /** 联系电话 */
  phone: string
}

/** What the public verification page shows: nothing more. */
export interface CertificateCheck {
  number: string
  /** 张*明 */
  maskedName: string
  hours: string
  issuerUnitName: string
  /** YYYY-MM-DD */
  issuedOn: string
  status: CertificateStatus
  /** YYYY-MM-DD when revoked */
  revokedOn: string | null
}

const ymd = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 年-月-日，例如 2026-01-01`)
    .refine(
      (s) =>
        !Number.isNaN(Date.parse(`${s}T00:00:00+08:00`)) &&
        new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      `${label}不是有效日期`,
    )

const period = z
  .object({ from: ymd('开始日期'), to: ymd('结束日期') })
  .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] })

const numberField = z
  .string({ error: '请填写证书编号' })
  .trim()
  .min(1, '请填写证书编号')
  .max(40, '证书编号格式不对，请核对后重新输入')

const phone = z
  .string({ error: '请填写联系电话' })
  .trim()
  .regex(/^[0-9+\-() ]{7,20}$/, '联系电话应为 7–20 位数字（可含区号和 -）')

export const certificates = {
  /** 我的证书: the caller's own certificates, newest first. */
  mine: action<{ items: CertificateView[]; isVolunteer: boolean }>()({
    input: z.object({}),
    roles: ['resident'],
  }),
  /** A volunteer asks for their own certificate of a period (free): issued at once by their unit. */
  request: action<{ certificate: CertificateView; reused: boolean }>()({
    input: period,
    roles: ['resident'],
  }),
  /** A manager issues a certificate for a volunteer of their subtree (by volunteer number). */
  issue: action<{ certificate: CertificateView; reused: boolean }>()({
    input: z
      .object({
        volunteerNumber: fields.text('志愿者编号', 32),
        from: ymd('开始日期'),
        to: ymd('结束日期'),
      })
      .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] }),
    roles: ['manager'],
  }),
  /** Certificates issued by the units the caller manages (and their subtrees), newest first. */
  list: action<{ items: CertificateView[] }>()({
    input: z.object({ limit: fields.limit(100, 20) }),
    roles: ['manager'],
  }),
  /** The issuer (a manager of the issuing unit or above) revokes a certificate, with a reason. */
  revoke: action<{ certificate: CertificateView }>()({
    input: z.object({ number: numberField, reason: fields.text('撤销原因', 200, 2) }),
    roles: ['manager'],
  }),
  /** The PDF (holder, or a manager of the issuing unit or above): a temporary link to it in cloud storage. */
  pdf: action<{ url: string | null; fileId: string; name: string; bytes: number }>()({
    input: z.object({ number: numberField }),
    roles: ['resident'],
  }),
  /** The public verification page: anyone; answers only number, masked name, hours, issuer, status. */
  verify: action<{ check: CertificateCheck }>()({
    input: z.object({ number: numberField }),
    roles: ['resident'],
  }),
  /** The issuer settings of a unit (its managers and above). null until set. */
  issuerGet: action<{ issuer: IssuerView | null }>()({
    input: z.object({ unitId: fields.id('单位编号') }),
    roles: ['manager'],
  }),
  /** Sets a unit's issuer block: 负责人, 经办人, 联系电话 (the unit's name is the network's). */
  issuerSet: action<{ issuer: IssuerView }>()({
    input: z.object({
      unitId: fields.id('单位编号'),
      head: fields.text('负责人姓名', 20),
      handler: fields.text('经办人姓名', 20),
      phone,
    }),
    roles: ['manager'],
  }),
}
