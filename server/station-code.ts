/**
 * A unit's printed mini-program code (站点二维码), generated once and kept in cloud storage: the codes
 * function's `generate` and the network function's `createUnit` (a new station gets its code at once)
 * both make it here. wxacode.getUnlimited is limited to 5000 calls a minute (platform-facts), so the
 * code is stored, never generated per view.
 */
import { stationCodes, type StationCodeDoc } from '../core/contract/codes.collections'
import { isUnitCode, SCAN_PAGE, stationScene } from '../core/signin/scene'
import { from } from './db'
import type { HandlerContext } from './types'

/** The printed code's size in pixels (wxacode width 280–1280). */
export const STATION_CODE_WIDTH = 860

type CodeContext = Pick<HandlerContext, 'db' | 'cloud' | 'openapi' | 'now'>

/**
 * Generates version `previous.version + 1` (1 when none) of the unit's code, uploads it and stores the
 * record; the previous file is deleted. Throws a RangeError when the unit's code cannot be a scene, and
 * whatever wxacode or storage throw.
 */
export async function makeStationCode(
  ctx: CodeContext,
  unit: { _id: string; code: string },
  by: string,
  previous?: StationCodeDoc,
): Promise<StationCodeDoc> {
  if (!isUnitCode(unit.code)) throw new RangeError(`unit code not usable in a scene: ${unit.code}`)
  const scene = stationScene(unit.code)
  const png = await ctx.openapi.getUnlimitedCode({
    scene,
    page: SCAN_PAGE,
    width: STATION_CODE_WIDTH,
    checkPath: false,
  })
  const version = (previous?.version ?? 0) + 1
  const uploaded = await ctx.cloud.uploadFile({
    cloudPath: `station-codes/${unit._id}/v${version}.png`,
    fileContent: png,
  })
  const doc: StationCodeDoc = {
    _id: unit._id,
    unitCode: unit.code,
    scene,
    fileID: (uploaded as { fileID: string }).fileID,
    generatedAt: ctx.now(),
    generatedBy: by,
    version,
  }
  const { _id, ...fields } = doc
  await from(ctx.db, stationCodes).ref.doc(_id).set({ data: fields })
  if (previous && previous.fileID !== doc.fileID) {
    await Promise.resolve(ctx.cloud.deleteFile({ fileList: [previous.fileID] })).catch((err: unknown) =>
      console.error('[station-code] could not delete the previous code', err),
    )
  }
  return doc
}
