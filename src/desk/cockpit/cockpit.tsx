/**
 * 数据驾驶舱 (H5 only, wide screen): the map of units by level, the month's figures, the order funnel and
 * the ranking of child units. Plain SVG and HTML tables (this subpackage is never built for the
 * mini-program); every chart is also written out as a table for screen readers and for reading.
 */
import { UNIT_LEVEL_NAMES, UNIT_LEVELS, type UnitLevel } from '@core/domain'
import type { StatFigures, StatsOrderFigures, StatsReport, UnitNode } from '@core/contract'
import { orderFunnel } from './funnel'
import { LEVEL_COLOURS, LEVEL_RADIUS, plotUnits } from './plot'
import './cockpit.css'

const MAP_W = 640
const MAP_H = 480

const SHORT_LEVEL: Record<UnitLevel, string> = { center: '中心', institute: '所', station: '站', point: '点' }

const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10}`

export function UnitMap({ units, truncated }: { units: UnitNode[]; truncated: boolean }) {
  const placed = plotUnits(units, MAP_W, MAP_H)
  // larger dots first: a point next to its station stays visible on top of it
  const drawOrder = [...placed].sort((a, b) => UNIT_LEVELS.indexOf(a.level) - UNIT_LEVELS.indexOf(b.level))
  const counts = UNIT_LEVELS.map((l) => ({ level: l, n: units.filter((u) => u.level === l).length }))
  const summary = counts.map((c) => `${SHORT_LEVEL[c.level]} ${c.n} 个`).join('，')
  return (
    <section className="desk-panel desk-map" aria-labelledby="desk-map-title">
      <h2 id="desk-map-title">阵地分布</h2>
      <svg
        className="desk-map__plot"
        viewBox={`0 0 ${MAP_W} ${MAP_H}`}
        role="img"
        aria-label={`阵地分布图：${summary}（按经纬度绘制，北在上）`}
      >
        <rect x="0" y="0" width={MAP_W} height={MAP_H} fill="#f6f8fa" stroke="#8a939c" />
        {drawOrder.map((u) => (
          <circle
            key={u._id}
            cx={u.x}
            cy={u.y}
            r={LEVEL_RADIUS[u.level]}
            fill={LEVEL_COLOURS[u.level]}
            stroke="#ffffff"
            strokeWidth="1.5"
          >
            <title>{`${u.name}（${UNIT_LEVEL_NAMES[u.level]}）`}</title>
          </circle>
        ))}
        <text x={MAP_W - 30} y="34" textAnchor="middle" fontSize="16" fill="#1f2328">
          北 ↑
        </text>
      </svg>
      <ul className="desk-legend" aria-label="图例">
        {counts.map((c) => (
          <li key={c.level}>
            <span
              className="desk-legend__dot"
              style={{ background: LEVEL_COLOURS[c.level] }}
              aria-hidden="true"
            />
            {`${UNIT_LEVEL_NAMES[c.level]}：${c.n} 个`}
          </li>
        ))}
      </ul>
      {truncated && <p className="desk-note">单位太多，只画出了前一部分。</p>}
      <details className="desk-details">
        <summary>各单位位置（表格）</summary>
        <table className="desk-table">
          <caption>各单位位置</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">级别</th>
              <th scope="col">纬度</th>
              <th scope="col">经度</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u._id}>
                <th scope="row">{u.name}</th>
                <td>{SHORT_LEVEL[u.level]}</td>
                <td>{u.latitude.toFixed(4)}</td>
                <td>{u.longitude.toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  )
}

const FIGURES: Array<{ key: keyof StatFigures; label: string; unit: string; show: (n: number) => string }> = [
  { key: 'activities', label: '活动场次', unit: '场', show: String },
  { key: 'attendances', label: '参与人次', unit: '人次', show: String },
  { key: 'serviceSessions', label: '志愿服务', unit: '人次', show: String },
  { key: 'serviceMinutes', label: '服务时长', unit: '小时', show: hours },
]

export function MonthFigures({ report }: { report: StatsReport }) {
  return (
    <section className="desk-panel" aria-labelledby="desk-figures-title">
      <h2 id="desk-figures-title">{`本月数据（${report.period.label}）`}</h2>
      <dl className="desk-figures">
        {FIGURES.map((f) => (
          <div key={f.key} className="desk-figure">
            <dt>{f.label}</dt>
            <dd>
              <span className="desk-figure__num">{f.show(report.figures[f.key])}</span> {f.unit}
            </dd>
          </div>
        ))}
        {report.orders && (
          <div className="desk-figure">
            <dt>群众点单</dt>
            <dd>
              <span className="desk-figure__num">{report.orders.placed}</span> 单
            </dd>
          </div>
        )}
      </dl>
    </section>
  )
}

export function OrderFunnel({ orders }: { orders: StatsOrderFigures | null }) {
  if (!orders) return null
  const steps = orderFunnel(orders)
  const max = Math.max(1, steps[0]!.count)
  return (
    <section className="desk-panel" aria-labelledby="desk-funnel-title">
      <h2 id="desk-funnel-title">点单流转（本月）</h2>
      <div className="desk-funnel" aria-hidden="true">
        {steps.map((s) => (
          <div key={s.label} className="desk-funnel__row">
            <span className="desk-funnel__label">{s.label}</span>
            <span className="desk-funnel__track">
              <span
                className="desk-funnel__bar"
                style={{ width: `${Math.max(1, (s.count / max) * 100)}%` }}
              />
            </span>
          </div>
        ))}
      </div>
      <table className="desk-table">
        <caption>点单各环节数量</caption>
        <thead>
          <tr>
            <th scope="col">环节</th>
            <th scope="col">单数</th>
            <th scope="col">占点单</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.label}>
              <th scope="row">{s.label}</th>
              <td>{s.count}</td>
              <td>{`${s.percent}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="desk-note">
        {`已取消 ${orders.byState.cancelled} 单，已退回 ${orders.byState.rejected} 单；平均派单 ${orders.avgDispatchMinutes ?? '—'} 分钟，平均满意度 ${orders.avgRating ?? '—'}。`}
      </p>
    </section>
  )
}

export function Ranking({ report }: { report: StatsReport }) {
  if (!report.children.length) return null
  const max = Math.max(1, ...report.children.map((c) => c.figures.attendances))
  return (
    <section className="desk-panel" aria-labelledby="desk-rank-title">
      <h2 id="desk-rank-title">下级单位排行（按参与人次）</h2>
      <div className="desk-funnel" aria-hidden="true">
        {report.children.map((c, i) => (
          <div key={c.unitId} className="desk-funnel__row">
            <span className="desk-funnel__label">{`${i + 1}. ${c.name}`}</span>
            <span className="desk-funnel__track">
              <span
                className="desk-funnel__bar desk-funnel__bar--rank"
                style={{ width: `${Math.max(1, (c.figures.attendances / max) * 100)}%` }}
              />
            </span>
          </div>
        ))}
      </div>
      <table className="desk-table">
        <caption>下级单位本月数据</caption>
        <thead>
          <tr>
            <th scope="col">名次</th>
            <th scope="col">单位</th>
            <th scope="col">活动场次</th>
            <th scope="col">参与人次</th>
            <th scope="col">服务时长（小时）</th>
          </tr>
        </thead>
        <tbody>
          {report.children.map((c, i) => (
            <tr key={c.unitId}>
              <td>{i + 1}</td>
              <th scope="row">{c.name}</th>
              <td>{c.figures.activities}</td>
              <td>{c.figures.attendances}</td>
              <td>{hours(c.figures.serviceMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
