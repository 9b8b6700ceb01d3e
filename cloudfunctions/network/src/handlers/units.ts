/** 单位管理: the tree, and units created, edited and retired under the caller's own unit. */
import { activities } from '../../../../core/contract/activities.collections'
import { CODES_ERRORS } from '../../../../core/contract/codes'
import type { UnitNode } from '../../../../core/contract/network'
import { unitNames } from '../../../../core/contract/network.collections'
import { units } from '../../../../core/contract/stations.collections'
import type { Unit, UnitLevel } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { childLevel, insideChina, nameKey } from '../../../../core/network/rules'
import { grantedUnitIds, requireManagerOf } from '../../../../server/auth'
import { aggregateRows, from, MAX_READ } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { callAction } from '../../../../server/call'
import { loadUnit } from '../../../../server/units'
import type { Caller, Db, HandlerContext } from '../../../../server/types'
import { lngLat, networkError, notFound, randomId, toNode, writeAudit } from '../model'

/** The unit a manager lands on without choosing: the first unit they were granted. */
export function defaultUnitId(caller: Caller): string {
  const id = grantedUnitIds(caller, 'manager')[0]
  if (!id) throw new AppError('FORBIDDEN')
  return id
}

interface BelowGroup {
  _id: { child?: string | null; level: UnitLevel }
  n: number
}

/**
 * The tree at one unit: query 1 reads the unit and its direct children (`_id` or `parentId`), query 2
 * counts every live unit below it by level and by the child it lies under (the `ancestors` index: the
 * element after the unit in a descendant's `ancestors` is the child it lies under). Both are sent
 * together: one round trip of two queries, whatever the size of the subtree.
 */
export const tree: Handler<'network', 'tree'> = async ({ unitId }, { db, _, caller }) => {
  const id = unitId ?? defaultUnitId(caller)
  const $ = db.command.aggregate
  const [nodes, groups] = await Promise.all([
    from(db, units).find((ref) =>
      ref
        .where(_.or([{ _id: id }, { parentId: id }]))
        .orderBy('code', 'asc')
        .limit(MAX_READ),
    ),
    aggregateRows<BelowGroup>(
      db
        .collection(units.name)
        .aggregate()
        .match({ ancestors: id, retired: _.neq(true) })
        .group({
          _id: {
            child: $.arrayElemAt(['$ancestors', $.add([$.indexOfArray(['$ancestors', id]), 1])]),
            level: '$level',
          },
          n: $.sum(1),
        })
        .limit(MAX_READ)
        .end(),
    ),
  ])
  const unit = nodes.find((u) => u._id === id)
  if (!unit) throw notFound()
  requireManagerOf(caller, unit)

  const below: UnitNode['below'] = {}
  const belowChild = new Map<string, UnitNode['below']>()
  for (const g of groups) {
    below[g._id.level] = (below[g._id.level] ?? 0) + g.n
    const child = g._id.child
    if (!child) continue
    const counts = belowChild.get(child) ?? {}
    counts[g._id.level] = (counts[g._id.level] ?? 0) + g.n
    belowChild.set(child, counts)
  }
  const children = nodes
    .filter((u) => u._id !== id)
    .sort((a, b) => Number(a.retired === true) - Number(b.retired === true))
    .map((u) => toNode(u, belowChild.get(u._id) ?? {}))
  const scope = new Set(grantedUnitIds(caller, 'manager'))
  return {
    unit: toNode(unit, below),
    children,
    canEdit: !unit.retired,
    canRetire: !unit.retired && unit.ancestors.some((a) => scope.has(a)),
  }
}

function checkLocation(latitude: number, longitude: number): void {
  if (!insideChina(latitude, longitude)) throw networkError('LOCATION_OUTSIDE_CHINA')
}

const claimKey = (parentId: string | null, name: string) => unitNames.id(parentId ?? 'root', nameKey(name))

/**
 * Claims `name` under `parentId` for `unitId`: a live unit of that name (seeded units carry no claim,
 * so it is also looked up) or another unit's claim (two managers at once: the claim's `_id` is unique)
 * refuses it.
 */
async function claimName(db: Db, parentId: string | null, name: string, unitId: string): Promise<void> {
  const _ = db.command
  const same = await from(db, units).find((ref) =>
    ref
      .where({ parentId, retired: _.neq(true) })
      .field({ name: true })
      .limit(MAX_READ),
  )
  if (same.some((u) => u._id !== unitId && nameKey(u.name) === nameKey(name))) {
    throw networkError('UNIT_NAME_TAKEN')
  }
  const claim = await from(db, unitNames).insertUnique({ _id: claimKey(parentId, name), unitId })
  if (!claim.inserted && claim.existing.unitId !== unitId) throw networkError('UNIT_NAME_TAKEN')
}

async function releaseName(db: Db, parentId: string | null, name: string, unitId: string): Promise<void> {
  await from(db, unitNames)
    .ref.where({ _id: claimKey(parentId, name), unitId })
    .remove()
}

const point = (latitude: number, longitude: number): Unit['location'] => ({
  type: 'Point',
  coordinates: [longitude, latitude],
})

async function loadLive(db: Db, id: string): Promise<Unit> {
  const unit = await loadUnit(db, id)
  if (!unit) throw notFound()
  if (unit.retired) throw networkError('UNIT_RETIRED')
  return unit
}

/**
 * A new station's (or point's) printed code, made at once by the codes function (a typed call as the
 * same manager, so codes checks the scope itself); a failure leaves it to 站点二维码 later.
 */
async function firstCode(
  ctx: HandlerContext,
  unit: Unit,
): Promise<{ codeScene: string | null; codeError: string | null }> {
  if (unit.level !== 'station' && unit.level !== 'point') return { codeScene: null, codeError: null }
  try {
    const res = await callAction(ctx.cloud, 'codes', 'generate', { unitId: unit._id })
    if (res.ok) return { codeScene: res.data.code.scene, codeError: null }
    return { codeScene: null, codeError: res.message }
  } catch (err) {
    console.error('[network.createUnit] station code not generated', err)
    return { codeScene: null, codeError: CODES_ERRORS.WXACODE_FAILED }
  }
}

export const createUnit: Handler<'network', 'createUnit'> = async (input, ctx) => {
  const { db, caller, now } = ctx
  const parent = await loadLive(db, input.parentId)
  requireManagerOf(caller, parent)
  const level = childLevel(parent.level)
  if (!level) throw networkError('POINT_HAS_NO_CHILDREN')
  checkLocation(input.latitude, input.longitude)

  const at = now()
  const unit: Unit = {
    _id: `u-${randomId(12)}`,
    level,
    name: input.name,
    parentId: parent._id,
    ancestors: [...parent.ancestors, parent._id],
    address: input.address,
    location: point(input.latitude, input.longitude),
    phone: input.phone,
    hours: input.hours,
    code: `N${randomId(11)}`,
    radiusMeters: input.radiusMeters,
    createdAt: at,
    createdBy: caller.openid,
  }
  await claimName(db, parent._id, unit.name, unit._id)
  try {
    await from(db, units).insert(unit)
  } catch (err) {
    await releaseName(db, parent._id, unit.name, unit._id)
    throw err
  }
  await writeAudit(db, { kind: 'unit.create', caller, unit, at, detail: `新建${unit.name}` })
  return { unit: toNode(unit), ...(await firstCode(ctx, unit)) }
}

const EDITABLE = ['name', 'address', 'phone', 'hours', 'radiusMeters'] as const
const FIELD_NAMES: Record<(typeof EDITABLE)[number] | 'location', string> = {
  name: '名称',
  address: '地址',
  phone: '电话',
  hours: '开放时间',
  radiusMeters: '服务圈',
  location: '位置',
}

export const updateUnit: Handler<'network', 'updateUnit'> = async (input, { db, _, caller, now }) => {
  const unit = await loadLive(db, input.id)
  requireManagerOf(caller, unit)
  checkLocation(input.latitude, input.longitude)

  const location = point(input.latitude, input.longitude)
  const changed: string[] = EDITABLE.filter(
    (k) => (unit[k] ?? (k === 'radiusMeters' ? toNode(unit).radiusMeters : undefined)) !== input[k],
  )
  const [lng, lat] = lngLat(unit.location)
  const moved = lng !== input.longitude || lat !== input.latitude
  if (moved) changed.push('location')
  if (changed.length === 0) return { unit: toNode(unit) }

  const renamed = nameKey(unit.name) !== nameKey(input.name)
  if (renamed) await claimName(db, unit.parentId, input.name, unit._id)
  const data = {
    name: input.name,
    address: input.address,
    phone: input.phone,
    hours: input.hours,
    radiusMeters: input.radiusMeters,
    location,
  }
  const updated = await from(db, units).update({ _id: unit._id, retired: _.neq(true) }, data)
  if (updated === 0 && changed.length > 0) {
    if (renamed) await releaseName(db, unit.parentId, input.name, unit._id)
    throw networkError('UNIT_RETIRED')
  }
  if (renamed) await releaseName(db, unit.parentId, unit.name, unit._id)
  const next: Unit = { ...unit, ...data }
  await writeAudit(db, {
    kind: 'unit.update',
    caller,
    unit: next,
    at: now(),
    detail: `修改了${changed.map((k) => FIELD_NAMES[k as keyof typeof FIELD_NAMES]).join('、')}`,
  })
  return { unit: toNode(next) }
}

/**
 * 撤销: only a manager above the unit; refused while the unit has live children or activities that have
 * not ended (an activity published between the check and the write is possible but harmless: its unit
 * is then retired and the activity stays readable). The document stays (history: activities, hours and
 * the audit log keep pointing at it); its printed code then answers with `successorName`.
 */
export const retireUnit: Handler<'network', 'retireUnit'> = async (input, { db, _, caller, now }) => {
  const unit = await loadLive(db, input.id)
  requireManagerOf(caller, unit)
  const scope = new Set(grantedUnitIds(caller, 'manager'))
  if (!unit.ancestors.some((a) => scope.has(a))) throw networkError('RETIRE_OWN_UNIT')

  const at = now()
  const [children, upcoming, successor] = await Promise.all([
    from(db, units).count({ parentId: unit._id, retired: _.neq(true) }),
    from(db, activities).count({ unitId: unit._id, status: 'published', end: _.gt(at) }),
    input.successorId ? loadUnit(db, input.successorId) : Promise.resolve(undefined),
  ])
  if (children > 0) throw networkError('HAS_ACTIVE_CHILDREN')
  if (upcoming > 0) {
    throw networkError(
      'HAS_FUTURE_ACTIVITIES',
      `这个单位还有 ${upcoming} 场未结束的活动，请先取消这些活动或等活动结束后再撤销`,
    )
  }
  if (
    input.successorId &&
    (!successor || successor.retired || successor._id === unit._id || successor.ancestors.includes(unit._id))
  ) {
    throw networkError('BAD_SUCCESSOR')
  }

  const data = {
    retired: true,
    retiredAt: at,
    retiredBy: caller.openid,
    successorId: successor?._id ?? null,
    successorName: successor?.name ?? null,
  }
  const updated = await from(db, units).update({ _id: unit._id, retired: _.neq(true) }, data)
  if (updated === 0) throw networkError('UNIT_RETIRED')
  await releaseName(db, unit.parentId, unit.name, unit._id)
  await writeAudit(db, {
    kind: 'unit.retire',
    caller,
    unit,
    at,
    detail:
      [input.reason, successor ? `接续单位：${successor.name}` : null].filter(Boolean).join('；') || null,
  })
  return { unit: toNode({ ...unit, ...data }) }
}
