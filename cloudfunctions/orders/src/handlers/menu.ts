import type { MenuView } from '../../../../core/contract/orders'
import type { ServiceMenuDoc } from '../../../../core/contract/orders.collections'
import type { Unit } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { DEFAULT_DESCRIPTIONS, SERVICE_CATEGORIES } from '../../../../core/orders/categories'
import { requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Caller, Db } from '../../../../server/types'
import { loadUnit } from '../../../../server/units'
import { loaded, orderError, orderTemplate, serviceMenus, teamsById } from '../store'

export const DEFAULT_ESCALATE_MINUTES = 120

/** A center without a menu of its own offers every category, no team yet (a manager assigns them). */
export function defaultMenu(centerId: string): ServiceMenuDoc {
  return {
    _id: centerId,
    items: SERVICE_CATEGORIES.map((category) => ({
      category,
      description: DEFAULT_DESCRIPTIONS[category],
      teamIds: [],
      active: true,
    })),
    escalateAfterMinutes: DEFAULT_ESCALATE_MINUTES,
    updatedAt: new Date(0),
    updatedBy: null,
  }
}

export const centerOf = (u: Pick<Unit, '_id' | 'ancestors'>): string => u.ancestors[0] ?? u._id

export async function loadMenu(db: Db, centerId: string): Promise<ServiceMenuDoc> {
  return (await from(db, serviceMenus).byId(centerId)) ?? defaultMenu(centerId)
}

/** The unit an order or a menu is for: the given one, else the caller's home station. */
export async function unitFor(db: Db, caller: Caller, unitId: string | undefined): Promise<Unit> {
  const id = unitId ?? caller.user.homeUnitId
  if (!id) throw orderError('NO_HOME_STATION')
  const unit = await loadUnit(db, id)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个站点，可能已撤销，请重新选择')
  return unit
}

async function view(db: Db, menu: ServiceMenuDoc, centerName: string): Promise<MenuView> {
  const ids = [...new Set(menu.items.flatMap((i) => i.teamIds))]
  const found = await teamsById(db, ids)
  const names = new Map(found.map((t) => [t._id, t.name]))
  const template = await orderTemplate(db)
  return {
    centerId: menu._id,
    centerName,
    items: menu.items.map((i) => ({
      ...i,
      teams: i.teamIds.filter((id) => names.has(id)).map((id) => ({ _id: id, name: names.get(id)! })),
    })),
    escalateAfterMinutes: menu.escalateAfterMinutes,
    templateId: template.id,
  }
}

export const menu: Handler<'orders', 'menu'> = async (input, ctx) => {
  const { db, caller } = await loaded(ctx)
  const unit = await unitFor(db, caller, input.unitId)
  const centerId = centerOf(unit)
  const center = centerId === unit._id ? unit : await loadUnit(db, centerId)
  return view(db, await loadMenu(db, centerId), center?.name ?? '')
}

export const setMenu: Handler<'orders', 'setMenu'> = async (input, { db, caller, now }) => {
  const center = await loadUnit(db, input.centerId)
  if (!center || center.level !== 'center')
    throw new AppError('NOT_FOUND', '服务菜单只能由中心设置，请选择所在的新时代文明实践中心')
  requireManagerOf(caller, center)
  const ids = [...new Set(input.items.flatMap((i) => i.teamIds))]
  const found = await teamsById(db, ids)
  const missing = ids.filter((id) => !found.some((t) => t._id === id))
  if (missing.length) throw new AppError('INVALID_INPUT', `没有找到服务队：${missing.join('、')}`)
  const doc: ServiceMenuDoc = {
    _id: center._id,
    items: input.items,
    escalateAfterMinutes: input.escalateAfterMinutes,
    updatedAt: now(),
    updatedBy: caller.openid,
  }
  const { _id, ...data } = doc
  await from(db, serviceMenus).ref.doc(_id).set({ data })
  return view(db, doc, center.name)
}
