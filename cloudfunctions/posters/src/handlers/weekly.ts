import { createHash } from 'node:crypto'
import { POSTERS_ERRORS, type WeeklyPoster } from '../../../../core/contract/posters'
import { posters, type PosterRecord } from '../../../../core/contract/posters.collections'
import { stationCodes } from '../../../../core/contract/codes.collections'
import { weekSpan, weekStartOf } from '../../../../core/activities/week'
import { AppError } from '../../../../core/errors'
import { POSTER_LAYOUT_VERSION, posterLines, posterSvg } from '../../../../core/posters/layout'
import { weekKey } from '../../../../core/time'
import { requireManagerOf } from '../../../../server/auth'
import { callActionOk } from '../../../../server/call'
import { loadCjkFont } from '../../../../server/cjk-font'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { tempUrl } from '../../../../server/storage'
import type { Cloud, Db } from '../../../../server/types'
import { loadUnit } from '../../../../server/units'
import { renderPng } from '../render'

/** The unit's printed QR code (codes context): the stored one, or generated now through codes.generate. */
async function codeFileId(db: Db, cloud: Cloud, unitId: string): Promise<string> {
  const stored = await from(db, stationCodes).byId(stationCodes.id(unitId), { fileID: true })
  if (stored?.fileID) return stored.fileID
  const { code } = await callActionOk(cloud, 'codes', 'generate', { unitId })
  if (!code.fileID) throw new AppError('CODE_UNAVAILABLE', POSTERS_ERRORS.CODE_UNAVAILABLE)
  return code.fileID
}

async function download(cloud: Cloud, fileID: string): Promise<Buffer> {
  const file = (await cloud.downloadFile({ fileID })) as { fileContent?: Buffer | Uint8Array }
  if (!file.fileContent?.length) throw new AppError('CODE_UNAVAILABLE', POSTERS_ERRORS.CODE_UNAVAILABLE)
  return Buffer.from(file.fileContent)
}

/**
 * 每周活动预告 poster. The activities are the weekly list's own answer (activities.listWeek through its
 * router: the same query, the same checks), cancelled ones left out; the QR code is the unit's printed
 * code. A poster whose content hashes the same as the stored one is not drawn again.
 */
export const weekly: Handler<'posters', 'weekly'> = async (input, { db, caller, now, cloud }) => {
  const unit = await loadUnit(db, input.unitId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', POSTERS_ERRORS.NOT_FOUND)
  requireManagerOf(caller, unit)
  const week = weekStartOf(input.week ?? weekKey(now(), 1))
  const id = posters.id(unit._id, week)
  const [list, codeId, stored] = await Promise.all([
    callActionOk(cloud, 'activities', 'listWeek', { scope: { kind: 'unit', unitId: unit._id }, week }),
    codeFileId(db, cloud, unit._id),
    from(db, posters).byId(id),
  ])
  const { lines, more } = posterLines(list.items)
  const weekLabel = weekSpan(week)
  const key = createHash('sha256')
    .update(JSON.stringify([POSTER_LAYOUT_VERSION, unit.name, unit.phone, weekLabel, lines, more, codeId]))
    .digest('hex')
  const base = {
    unit: { _id: unit._id, name: unit.name },
    week: { start: week, label: weekLabel },
    lines,
    more,
    name: `${unit.name}-${weekLabel}活动预告.png`,
  }
  if (stored && stored.key === key) {
    const url = await tempUrl(cloud, stored.fileId)
    return {
      ...base,
      fileId: stored.fileId,
      url,
      width: stored.width,
      height: stored.height,
      bytes: stored.bytes,
      drawn: false,
    }
  }

  const [codePng, font] = await Promise.all([download(cloud, codeId), loadCjkFont({ cloud })])
  const layout = posterSvg({
    unitName: unit.name,
    phone: unit.phone,
    weekLabel,
    lines,
    more,
    codePngBase64: codePng.toString('base64'),
  })
  let png: Buffer
  try {
    png = await renderPng(layout.svg, font)
  } catch (err) {
    console.error('[posters.weekly] render failed', err)
    throw new AppError('RENDER_FAILED', POSTERS_ERRORS.RENDER_FAILED)
  }
  const cloudPath = `posters/${unit._id}/${week}-${key.slice(0, 12)}.png`
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: png })) as { fileID: string }
  const record: PosterRecord = {
    _id: id,
    unitId: unit._id,
    unitPath: [...unit.ancestors, unit._id],
    weekStart: week,
    key,
    fileId: fileID,
    width: layout.width,
    height: layout.height,
    bytes: png.length,
    createdAt: now(),
    createdBy: caller.openid,
  }
  const { _id, ...fields } = record
  await from(db, posters).ref.doc(_id).set({ data: fields })
  if (stored && stored.fileId !== fileID) {
    await Promise.resolve(cloud.deleteFile({ fileList: [stored.fileId] })).catch((err: unknown) =>
      console.error('[posters.weekly] could not delete the previous poster', err),
    )
  }
  const url = await tempUrl(cloud, fileID)
  return {
    ...base,
    fileId: fileID,
    url,
    width: layout.width,
    height: layout.height,
    bytes: png.length,
    drawn: true,
  } satisfies WeeklyPoster
}
