import { certificates } from '../../../../core/contract/certificates.collections'
import { AppError } from '../../../../core/errors'
import { formatDate } from '../../../../core/time'
import { loadCjkFont } from '../../../../server/cjk-font'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { canRevoke, requireNumber, verifyUrl } from '../model'
import { renderCertificatePdf } from '../pdf'
import { tempUrl } from '../../../../server/storage'

/**
 * The certificate's PDF for its holder or a manager of the issuing unit or above: made once (font from
 * server/cjk-font), kept in cloud storage, answered as a temporary link. A revoked certificate has none.
 */
export const pdf: Handler<'certificates', 'pdf'> = async (input, { db, caller, cloud }) => {
  const number = requireNumber(input.number)
  const c = await from(db, certificates).byId(number)
  if (!c || (c.openid !== caller.openid && !canRevoke(caller, c))) {
    throw new AppError('NOT_FOUND', '没有找到这份证明，或您无权查看')
  }
  if (c.status === 'revoked') {
    throw new AppError(
      'REVOKED',
      `这份证明已于 ${formatDate(c.revokedAt ?? c.issuedAt)} 被出具单位撤销，不能再下载；如有疑问请联系出具单位`,
    )
  }
  const name = `志愿服务记录证明-${number}.pdf`
  let fileId = c.pdfFileId
  let bytes = 0
  if (!fileId) {
    const font = await loadCjkFont({ cloud })
    const buffer = await renderCertificatePdf(c, font, verifyUrl(number))
    bytes = buffer.length
    const uploaded = (await cloud.uploadFile({
      cloudPath: `certificates/${number}.pdf`,
      fileContent: buffer,
    })) as { fileID: string }
    fileId = uploaded.fileID
    await from(db, certificates).update({ _id: number }, { pdfFileId: fileId })
  }
  return { url: await tempUrl(cloud, fileId), fileId, name, bytes }
}
