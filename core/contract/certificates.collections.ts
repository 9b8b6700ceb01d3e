/** The certificates context's collections: certificates, each unit's issuer block, the issue log. */
import type { CertificateServiceGroup, CertificateStatus } from './certificates'
import { collection } from './collection'

/** One certificate (`_id` = its number): a snapshot of the four blocks at issue, then its status. */
export interface CertificateDoc {
  _id: string
  openid: string
  name: string
  volunteerNumber: string
  idNumberMasked: string | null
  from: string
  to: string
  minutes: number
  groups: CertificateServiceGroup[]
  issuerUnitId: string
  issuerUnitName: string
  /** the issuing unit's ancestors + itself: its managers and those above may revoke */
  issuerUnitPath: string[]
  head: string
  handler: string
  phone: string
  issuedAt: Date
  issuedBy: string
  issuedVia: 'self' | 'manager'
  status: CertificateStatus
  revokedAt: Date | null
  revokedBy: string | null
  revokeReason: string | null
  /** the PDF in cloud storage, once made */
  pdfFileId: string | null
}

/** A unit's issuer block (`_id` = unitId). */
export interface IssuerDoc {
  _id: string
  unitName: string
  unitPath: string[]
  head: string
  handler: string
  phone: string
  updatedBy: string
  updatedAt: Date
}

/** Who did what to a certificate, when (issue, revoke): append-only. */
export interface CertificateLogDoc {
  _id: string
  number: string
  action: 'issue' | 'revoke'
  by: string
  at: Date
  /** the issuing unit's path: the log is read by its managers */
  unitPath: string[]
  /** the holder */
  openid: string
  detail: string
}

export const certificates = collection<CertificateDoc>()({
  name: 'certificates',
  description:
    '志愿服务记录证明 (_id = the certificate number: random + check character): the volunteer, service, issuer blocks as issued; status issued | revoked (with when, by whom, why).',
  indexes: [
    { name: 'openid_issuedAt', keys: { openid: 1, issuedAt: -1 } },
    { name: 'issuerUnitPath_issuedAt', keys: { issuerUnitPath: 1, issuedAt: -1 } },
  ],
})

export const certificateIssuers = collection<IssuerDoc>()({
  name: 'certificate_issuers',
  description:
    "A unit's issuer block for certificates (_id = unitId): 负责人, 经办人, 联系电话, set by its managers.",
  indexes: [],
})

export const certificateLog = collection<CertificateLogDoc>()({
  name: 'certificate_log',
  description: 'Every certificate issued or revoked: who, when, what (append-only).',
  indexes: [
    { name: 'number_at', keys: { number: 1, at: 1 } },
    { name: 'unitPath_at', keys: { unitPath: 1, at: -1 } },
  ],
})
