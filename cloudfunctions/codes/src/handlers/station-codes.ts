import { CODES_ERRORS, type StationCodeView } from '../../../../core/contract/codes'
import { stationCodes, type StationCodeDoc } from '../../../../core/contract/codes.collections'
import { units as unitsSpec } from '../../../../core/contract/stations.collections'
import type { Unit } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { grantedUnitIds, holdsOver, requireManagerOf } from '../../../../server/auth'
import { from, MAX_READ } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Caller, Cloud, Db } from '../../../../server/types'
import { isUnitCode, SCAN_PAGE, stationScene } from '../../../../core/signin/scene'

type UnitDoc = Pick<Unit, '_id' | 'name' | 'level' | 'code' | 'ancestors' | 'retired'>
const UNIT_FIELDS = { name: true, level: true, code: true, ancestors: true, retired: true } as const
/** The printed code's size in pixels (wxacode width 280–1280). */
const CODE_WIDTH = 860
const LEVEL_ORDER = { center: 0, institute: 1, station: 2, point: 3 } as const

function view(unit: UnitDoc, code: StationCodeDoc | undefined): StationCodeView {
  return {
    unitId: unit._id,
    unitName: unit.name,
    level: unit.level,
    unitCode: unit.code,
    scene: code?.scene ?? (isUnitCode(unit.code) ? stationScene(unit.code) : ''),
    fileID: code?.fileID ?? null,
    generatedAt: code ? new Date(code.generatedAt).getTime() : null,
    generatedBy: code?.generatedBy ?? null,
    version: code?.version ?? 0,
  }
}

async function loadManagedUnit(db: Db, caller: Caller, unitId: string): Promise<UnitDoc> {
  const unit = await from(db, unitsSpec).byId(unitId, UNIT_FIELDS)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个单位，可能已撤销')
  requireManagerOf(caller, unit)
  return unit
}

async function loadCode(db: Db, unitId: string): Promise<StationCodeDoc | undefined> {
  return from(db, stationCodes).byId(stationCodes.id(unitId))
}

/** The units a manager prints codes for: the given unit (or every unit they manage) and all under it. */
export const list: Handler<'codes', 'list'> = async ({ unitId }, { db, _, caller }) => {
  const roots = unitId ? [(await loadManagedUnit(db, caller, unitId))._id] : grantedUnitIds(caller, 'manager')
  const units = from(db, unitsSpec)
  const [tops, below] = await Promise.all([
    units.find((q) =>
      q
        .where({ _id: _.in(roots) })
        .field(UNIT_FIELDS)
        .limit(MAX_READ),
    ),
    units.find((q) =>
      q
        .where({ ancestors: _.in(roots) })
        .field(UNIT_FIELDS)
        .limit(MAX_READ),
    ),
  ])
  const byId = new Map([...tops, ...below].filter((u) => !u.retired).map((u) => [u._id, u]))
  const shown = [...byId.values()]
    .filter((u) => holdsOver(caller, 'manager', u))
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code))
  const codes = shown.length
    ? await from(db, stationCodes).find((q) =>
        q.where({ _id: _.in(shown.map((u) => stationCodes.id(u._id))) }).limit(MAX_READ),
      )
    : []
  const codeOf = new Map(codes.map((c) => [c._id, c]))
  return { units: shown.map((u) => view(u, codeOf.get(u._id))), truncated: below.length === MAX_READ }
}

async function uploadCode(cloud: Cloud, unitId: string, version: number, png: Buffer): Promise<string> {
  const res = await cloud.uploadFile({
    cloudPath: `station-codes/${unitId}/v${version}.png`,
    fileContent: png,
  })
  return (res as { fileID: string }).fileID
}

/**
 * 生成站点二维码: wxacode.getUnlimited for the scan page with scene `s=<unit code>`, stored in cloud
 * storage, once. `regenerate` makes a new version (the old file is deleted). Two managers generating at
 * once write the same version's path, so the result is one file either way.
 */
export const generate: Handler<'codes', 'generate'> = async (input, { db, caller, now, openapi, cloud }) => {
  const [unit, existing] = await Promise.all([
    loadManagedUnit(db, caller, input.unitId),
    loadCode(db, input.unitId),
  ])
  if (existing && !input.regenerate) return { code: view(unit, existing), created: false }
  if (!isUnitCode(unit.code)) throw new AppError('UNIT_CODE_UNUSABLE', CODES_ERRORS.UNIT_CODE_UNUSABLE)

  const scene = stationScene(unit.code)
  let png: Buffer
  try {
    png = await openapi.getUnlimitedCode({ scene, page: SCAN_PAGE, width: CODE_WIDTH, checkPath: false })
  } catch (err) {
    console.error('[codes.generate] wxacode.getUnlimited failed', err)
    throw new AppError('WXACODE_FAILED', CODES_ERRORS.WXACODE_FAILED)
  }
  const version = (existing?.version ?? 0) + 1
  const doc: StationCodeDoc = {
    _id: stationCodes.id(unit._id),
    unitCode: unit.code,
    scene,
    fileID: await uploadCode(cloud, unit._id, version, png),
    generatedAt: now(),
    generatedBy: caller.openid,
    version,
  }
  const { _id, ...fields } = doc
  await from(db, stationCodes).ref.doc(_id).set({ data: fields })
  if (existing && existing.fileID !== doc.fileID) {
    await Promise.resolve(cloud.deleteFile({ fileList: [existing.fileID] })).catch((err: unknown) =>
      console.error('[codes.generate] could not delete the previous code', err),
    )
  }
  return { code: view(unit, doc), created: true }
}

/** The stored code as a PNG data URL, for the printable card (unit name under the code). */
export const image: Handler<'codes', 'image'> = async ({ unitId }, { db, caller, cloud }) => {
  const [unit, code] = await Promise.all([loadManagedUnit(db, caller, unitId), loadCode(db, unitId)])
  if (!code) throw new AppError('CODE_NOT_GENERATED', CODES_ERRORS.CODE_NOT_GENERATED)
  const file = await cloud.downloadFile({ fileID: code.fileID })
  const png = (file as { fileContent: Buffer }).fileContent
  return { code: view(unit, code), dataUrl: `data:image/png;base64,${Buffer.from(png).toString('base64')}` }
}
