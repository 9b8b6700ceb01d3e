import ExcelJS from 'exceljs'
import { activities } from '../../../../core/contract/activities.collections'
import { orders } from '../../../../core/contract/orders.collections'
import { serviceRecords } from '../../../../core/contract/signin.collections'
import type { StatsReport } from '../../../../core/contract/stats'
import { AppError } from '../../../../core/errors'
import { ORDER_STATE_NAMES, ORDER_STATES } from '../../../../core/orders/model'
import { countsAsConfirmed, periodOf, type PeriodRef } from '../../../../core/stats/figures'
import { formatDate, parseShanghaiDate, shanghai } from '../../../../core/time'
import { requireManagerOf } from '../../../../server/auth'
import { from, MAX_READ } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Command, Db } from '../../../../server/types'
import { loadUnit } from '../../../../server/units'
import { buildReport } from './report'
import { tempUrl } from '../../../../server/storage'

/** At most this many rows per listing sheet (a center-year stays inside the 60 s limit; noted in the file). */
export const MAX_ROWS = 20_000

const STATUS_NAMES: Record<string, string> = { published: '已发布', cancelled: '已取消' }

/**
 * 导出 Excel: the unit's figures for the period (汇总, the same numbers as stats.report), its activities with
 * attendance, its volunteers with confirmed hours, and its orders, Chinese headers; written to cloud storage
 * and answered as a temporary link (never inline).
 */
export const exportExcel: Handler<'stats', 'export'> = async (input, { db, _, caller, cloud, now }) => {
  const unit = await loadUnit(db, input.unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位，可能已撤销')
  requireManagerOf(caller, unit)
  const period = periodOf(input.period, input.date)
  const [report, acts, volunteers, orderRows] = await Promise.all([
    buildReport(db, _, unit, period),
    activityRows(db, _, unit._id, period),
    volunteerRows(db, _, unit._id, period),
    orderList(db, _, unit._id, period),
  ])
  const book = workbook(report, acts, volunteers, orderRows)
  const bytes = Buffer.from(await book.xlsx.writeBuffer())
  const name = `${unit.name}-${period.label}统计.xlsx`
  const cloudPath = `stats-exports/${unit._id}/${period.from}-${period.kind}-${now().getTime().toString(36)}.xlsx`
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  return {
    fileId: fileID,
    url: await tempUrl(cloud, fileID),
    name,
    bytes: bytes.length,
    rows: { activities: acts.length, volunteers: volunteers.length, orders: orderRows.length },
  }
}

function range(period: PeriodRef): { start: Date; end: Date } {
  const start = parseShanghaiDate(period.from)
  const end = new Date(parseShanghaiDate(period.to).getTime() + 24 * 3600_000)
  return { start, end }
}

/** Reads page after page by _id of a query in an index's range, up to MAX_ROWS. */
async function readAll<D extends { _id: string }>(
  read: (after: string | null) => Promise<D[]>,
): Promise<D[]> {
  const out: D[] = []
  let after: string | null = null
  while (out.length < MAX_ROWS) {
    const page = await read(after)
    out.push(...page)
    if (page.length < MAX_READ) break
    after = page[page.length - 1]!._id
  }
  return out.slice(0, MAX_ROWS)
}

const when = (t: Date) => `${formatDate(t)} ${shanghai(t).format('HH:mm')}`

async function activityRows(db: Db, _: Command, unitId: string, period: PeriodRef) {
  const { start, end } = range(period)
  const docs = await readAll((after) =>
    from(db, activities).find((q) =>
      q
        .where({
          unitPath: unitId,
          start: _.gte(start).and(_.lt(end)),
          ...(after ? { _id: _.gt(after) } : {}),
        })
        .field({
          title: true,
          unitName: true,
          category: true,
          start: true,
          end: true,
          status: true,
          registeredCount: true,
          attendedCount: true,
        })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )
  return docs
    .sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime())
    .map((a) => [
      a.title,
      a.unitName,
      a.category,
      when(new Date(a.start)),
      when(new Date(a.end)),
      STATUS_NAMES[a.status] ?? a.status,
      a.registeredCount ?? 0,
      a.attendedCount ?? 0,
    ])
}

async function volunteerRows(db: Db, _: Command, unitId: string, period: PeriodRef) {
  const { start, end } = range(period)
  const docs = await readAll((after) =>
    from(db, serviceRecords).find((q) =>
      q
        .where({
          unitPath: unitId,
          status: _.in(['confirmed', 'closed']),
          activityStart: _.gte(start).and(_.lt(end)),
          ...(after ? { _id: _.gt(after) } : {}),
        })
        .field({ openid: true, name: true, minutes: true, status: true, activityId: true })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )
  const byPerson = new Map<string, { name: string; sessions: number; minutes: number }>()
  for (const r of docs) {
    // confirmed service, and rated orders' records (docs/statistics.md), as the figures count them
    if (!countsAsConfirmed(r.status, serviceRecords.orderIdOf(r.activityId) !== null)) continue
    const p = byPerson.get(r.openid) ?? { name: r.name || '（未填姓名）', sessions: 0, minutes: 0 }
    p.sessions += 1
    p.minutes += r.minutes ?? 0
    byPerson.set(r.openid, p)
  }
  return [...byPerson.values()]
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name, 'zh'))
    .map((p) => [p.name, p.sessions, p.minutes, Math.round((p.minutes / 60) * 10) / 10])
}

async function orderList(db: Db, _: Command, unitId: string, period: PeriodRef) {
  const { start, end } = range(period)
  const docs = await readAll((after) =>
    from(db, orders).find((q) =>
      q
        .where({
          unitPath: unitId,
          submittedAt: _.gte(start).and(_.lt(end)),
          ...(after ? { _id: _.gt(after) } : {}),
        })
        .field({
          submittedAt: true,
          category: true,
          unitName: true,
          state: true,
          rating: true,
          teamName: true,
        })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )
  return docs
    .sort((a, b) => new Date(a.submittedAt).getTime() - new Date(b.submittedAt).getTime())
    .map((o) => [
      when(new Date(o.submittedAt)),
      o.category,
      o.unitName,
      o.teamName ?? '',
      ORDER_STATE_NAMES[o.state] ?? o.state,
      o.rating ? o.rating.stars : '',
    ])
}

/** The summary's rows: the same figures as the 统计 page. */
export function summaryRows(report: StatsReport): Array<[string, string | number]> {
  const f = report.figures
  const rows: Array<[string, string | number]> = [
    ['单位', report.unit.name],
    ['统计周期', report.period.label],
    ['起止日期', `${report.period.from} 至 ${report.period.to}`],
    ['活动场次', f.activities],
    ['参与人次', f.attendances],
    ['志愿服务人次', f.serviceSessions],
    ['服务时长（分钟）', f.serviceMinutes],
    ['服务时长（小时）', Math.round((f.serviceMinutes / 60) * 10) / 10],
    ['参与人数', f.people],
    ['活跃志愿者', f.volunteers],
    ['本期提交点单', f.ordersPlaced],
    ['发放积分', f.pointsIssued],
    ['扣减积分', f.pointsDeducted],
    ['兑换积分', f.pointsRedeemed],
    ['退回积分', f.pointsRefunded],
  ]
  if (report.subscribers) rows.push(['订阅人数（当前）', report.subscribers.total])
  if (report.orders) {
    rows.push(['点单数', report.orders.placed])
    for (const s of ORDER_STATES) rows.push([`点单·${ORDER_STATE_NAMES[s]}`, report.orders.byState[s]])
    rows.push(['点单·平均评价', report.orders.avgRating ?? ''])
  }
  return rows
}

function workbook(
  report: StatsReport,
  acts: Array<Array<string | number>>,
  volunteers: Array<Array<string | number>>,
  orderRows: Array<Array<string | number>>,
): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook()
  book.creator = '文明实践'
  const sheet = (name: string, header: string[], rows: Array<Array<string | number>>, widths: number[]) => {
    const ws = book.addWorksheet(name)
    ws.addRow(header).font = { bold: true }
    for (const r of rows) ws.addRow(r)
    ws.columns.forEach((c, i) => (c.width = widths[i] ?? 14))
    if (rows.length >= MAX_ROWS) ws.addRow([`（只列出前 ${MAX_ROWS} 行，请按月导出）`])
  }
  sheet('汇总', ['指标', '数值'], summaryRows(report), [20, 36])
  sheet(
    '下级单位',
    ['单位', '活动场次', '参与人次', '志愿服务人次', '服务时长（小时）'],
    report.children.map((c) => [
      c.name,
      c.figures.activities,
      c.figures.attendances,
      c.figures.serviceSessions,
      Math.round((c.figures.serviceMinutes / 60) * 10) / 10,
    ]),
    [30, 12, 12, 14, 16],
  )
  sheet(
    '活动',
    ['活动名称', '举办单位', '类别', '开始时间', '结束时间', '状态', '报名人数', '签到人次'],
    acts,
    [30, 26, 12, 18, 18, 8, 10, 10],
  )
  sheet('志愿者', ['姓名', '服务次数', '服务时长（分钟）', '服务时长（小时）'], volunteers, [16, 10, 16, 16])
  sheet(
    '点单',
    ['提交时间', '类别', '所属站点', '服务队', '状态', '评价星级'],
    orderRows,
    [18, 12, 26, 20, 10, 10],
  )
  return book
}
