import { AppError } from '../../../../core/errors'
import { requireManagerOf } from '../../../../server/auth'
import type { Handler } from '../../../../server/router'
import { loadUnit } from '../../../../server/units'
import { tempUrl } from '../../../../server/storage'

const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
}
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/**
 * Stores a small cover image in cloud storage under the unit's folder. The bytes must be the image type
 * they claim (no other content reaches storage this way). Image content checks (mediaCheckAsync) are not
 * done: see docs/activities.md.
 */
export const uploadCover: Handler<'activities', 'uploadCover'> = async (
  input,
  { db, caller, now, cloud },
) => {
  const unit = await loadUnit(db, input.unitId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到举办单位，可能已撤销')
  requireManagerOf(caller, unit)
  const bytes = Buffer.from(input.dataBase64, 'base64')
  if (!SIGNATURES[input.contentType]!(bytes)) {
    throw new AppError('INVALID_INPUT', '这不是一张图片，请重新选择', {
      dataBase64: '这不是一张图片，请重新选择',
    })
  }
  const name = `${now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const cloudPath = `activity-covers/${unit._id}/${name}.${EXTENSIONS[input.contentType]}`
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  return { fileId: fileID, url: await tempUrl(cloud, fileID) }
}
