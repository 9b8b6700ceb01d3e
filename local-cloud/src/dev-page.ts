import type { ServerResponse } from 'node:http'
import { isLoopback, sendJson } from './h5-gateway'
import { readRaw } from './http'
import type { FunctionRunner } from './runner'
import type { HttpRoute } from './server'
import type { TimerScheduler } from './timers'

/** The parts of the local cloud the dev page reads (typed structurally so tests can pass stand-ins). */
export interface DevPageDeps {
  db: {
    listCollections(): { name: string; count: number }[]
    find(collection: string, query?: Record<string, unknown>): Record<string, unknown>[]
    stats(): { unindexedQueries: number; unindexed: { collection: string; query: string }[]; scans: number }
  }
  openapi: {
    outbox(filter?: { touser?: string; templateId?: string }): {
      id: string
      touser: string
      templateId: string
      page?: string
      data: Record<string, { value: string }>
      sentAt: string
    }[]
    clearOutbox(): void
    /** Resolves once the credit is durable. */
    grant(openid: string, templateId: string, count?: number): Promise<void>
    credits(openid: string, templateId: string): number
  }
  timers: TimerScheduler
  runner: FunctionRunner
}

const DOCS_SHOWN = 20
const OUTBOX_SHOWN = 50

function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Beijing time, which is what every date in the app means. */
function beijing(d: Date | string | null | undefined): string {
  if (!d) return '—'
  return new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
}

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#b4282d;color:#fff;padding:12px 24px}header h1{margin:0;font-size:20px}header a{color:#fff}
main{padding:16px 24px;max-width:1200px}section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 8px}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{background:#f6f8fa}code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}pre{background:#f6f8fa;padding:8px;overflow:auto;margin:0}
.flash{padding:8px 12px;border-radius:6px;margin:0 0 16px}.ok{background:#dafbe1}.fail{background:#ffebe9}.muted{color:#57606a}
button{cursor:pointer;white-space:nowrap}form.inline{display:inline}input{margin-right:8px}code.nw{white-space:nowrap}code.brk{word-break:break-all}`

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>
<header><h1>${esc(title)}</h1><a href="/__dev">本地云开发面板</a> · <a href="/">H5 应用</a></header><main>${body}</main></body></html>`
}

function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${esc(empty)}</p>`
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

function renderHome(deps: DevPageDeps, url: URL): string {
  const parts: string[] = []
  const flash = url.searchParams.get('flash')
  if (flash) {
    const ok = url.searchParams.get('ok') === '1'
    parts.push(`<p class="flash ${ok ? 'ok' : 'fail'}">${esc(flash)}</p>`)
  }

  const runner = deps.runner.stats()
  const fnRows = deps.runner
    .status()
    .map((f) => [
      `<code>${esc(f.name)}</code>`,
      `${f.timeout} 秒`,
      String(f.instances),
      String(f.busy),
      String(f.waiting),
    ])
  parts.push(`<section id="functions"><h2>云函数</h2>
<p class="muted">调用 ${runner.invocations} 次，冷启动 ${runner.coldStarts} 次</p>
${table(['函数', '超时', '实例', '忙碌', '排队'], fnRows, '没有找到云函数（先运行 npm run build:functions）')}</section>`)

  const timerRows = deps.timers.list().map((t) => {
    const last = t.lastRun
      ? `${t.lastRun.ok ? '成功' : '失败'} · ${esc(beijing(t.lastRun.at))}<br><code class="brk">${esc(t.lastRun.message.split('\n')[0])}</code>`
      : '—'
    return [
      `<code>${esc(t.fn)}</code>`,
      esc(t.trigger),
      `<code class="nw">${esc(t.cron)}</code>`,
      t.error ? `<span class="fail">${esc(t.error)}</span>` : esc(beijing(t.next)),
      last,
      `<form class="inline" method="post" action="/__dev/timers/${encodeURIComponent(t.fn)}/fire"><button>立即触发</button></form>`,
    ]
  })
  parts.push(`<section id="timers"><h2>定时触发器</h2><p class="muted">cron 按北京时间（UTC+8）计算；时间均为北京时间</p>
${table(['函数', '触发器', 'cron', '下次触发', '上次运行', ''], timerRows, '没有定时触发器')}</section>`)

  const collections = deps.db.listCollections()
  const colRows = collections.map((c) => [
    `<a href="/__dev/collections/${encodeURIComponent(c.name)}"><code>${esc(c.name)}</code></a>`,
    String(c.count),
  ])
  const dbStats = deps.db.stats()
  const unindexed = dbStats.unindexed.map((u) => [
    `<code>${esc(u.collection)}</code>`,
    `<code>${esc(u.query)}</code>`,
  ])
  parts.push(`<section id="collections"><h2>数据库集合</h2>
${table(['集合', '文档数'], colRows, '还没有集合')}
<h2 style="margin-top:12px">未命中索引的查询（${dbStats.unindexedQueries}）</h2>
${table(['集合', '查询'], unindexed, '没有')}</section>`)

  const outbox = deps.openapi.outbox()
  const outRows = outbox
    .slice(-OUTBOX_SHOWN)
    .reverse()
    .map((m) => [
      esc(beijing(m.sentAt)),
      `<code>${esc(m.touser)}</code>`,
      `<code>${esc(m.templateId)}</code>`,
      `<code>${esc(m.page ?? '')}</code>`,
      Object.entries(m.data)
        .map(([k, v]) => `${esc(k)}: ${esc(v.value)}`)
        .join('<br>'),
    ])
  parts.push(`<section id="outbox"><h2>订阅消息发件箱（${outbox.length}）</h2>
${table(['发送时间', '接收者 openid', '模板', '页面', '内容'], outRows, '还没有发送过订阅消息')}
${outbox.length ? '<form method="post" action="/__dev/outbox/clear"><button>清空发件箱</button></form>' : ''}</section>`)

  const openid = url.searchParams.get('openid') ?? ''
  const templateId = url.searchParams.get('templateId') ?? ''
  const credit =
    openid && templateId
      ? `<p><code>${esc(openid)}</code> 对模板 <code>${esc(templateId)}</code> 的剩余额度：<b>${deps.openapi.credits(openid, templateId)}</b></p>`
      : ''
  parts.push(`<section id="subscriptions"><h2>订阅额度</h2>
<p class="muted">H5 上没有 wx.requestSubscribeMessage：在这里为某个用户授予一次性订阅额度（每条消息消耗一次）。</p>
<form method="get" action="/__dev#subscriptions">openid <input name="openid" value="${esc(openid)}" required>
模板 ID <input name="templateId" value="${esc(templateId)}" required><button>查询额度</button></form>
${credit}
<form method="post" action="/__dev/subscriptions" style="margin-top:8px">openid <input name="openid" value="${esc(openid)}" required>
模板 ID <input name="templateId" value="${esc(templateId)}" required>次数 <input name="count" type="number" min="1" value="1" style="width:4em">
<button>授予额度</button></form></section>`)

  return layout('本地云开发面板', parts.join('\n'))
}

function renderCollection(deps: DevPageDeps, name: string): string | undefined {
  const info = deps.db.listCollections().find((c) => c.name === name)
  if (!info) return undefined
  const docs = deps.db.find(name).slice(0, DOCS_SHOWN)
  const rows = docs.map((d) => [`<pre>${esc(JSON.stringify(d, null, 2))}</pre>`])
  return layout(
    `集合 ${name}`,
    `<section><h2><code>${esc(name)}</code>：共 ${info.count} 个文档，显示前 ${docs.length} 个</h2>${table(['文档'], rows, '集合为空')}</section>`,
  )
}

function html(res: ServerResponse, status: number, body: string): true {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // no other site may frame the page and trick a click on its buttons
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'",
  })
  res.end(body)
  return true
}

function redirect(
  res: ServerResponse,
  flash: string,
  ok: boolean,
  anchor: string,
  extra: Record<string, string> = {},
): true {
  const q = new URLSearchParams({ flash, ok: ok ? '1' : '0', ...extra })
  res.writeHead(303, { location: `/__dev?${q.toString()}#${anchor}` })
  res.end()
  return true
}

const FIRE = /^\/__dev\/timers\/([^/]+)\/fire$/
const COLLECTION = /^\/__dev\/collections\/([^/]+)$/

/**
 * GET /__dev: functions, timers (with "fire now"), collections, unindexed queries, the subscribe
 * message outbox and subscription credits. POST /__dev/timers/<fn>/fire answers JSON when asked for
 * it (Accept: application/json), otherwise redirects back to the page. Loopback clients only.
 */
export function devPageRoute(deps: DevPageDeps): HttpRoute {
  return async (req, res, url) => {
    if (url.pathname !== '/__dev' && !url.pathname.startsWith('/__dev/')) return false
    if (!isLoopback(req)) return html(res, 403, layout('403', '<p>本地云开发面板只对本机开放。</p>'))
    const wantsJson = (req.headers.accept ?? '').includes('application/json')

    if (req.method === 'GET' && (url.pathname === '/__dev' || url.pathname === '/__dev/')) {
      return html(res, 200, renderHome(deps, url))
    }
    const col = COLLECTION.exec(url.pathname)
    if (req.method === 'GET' && col) {
      const page = renderCollection(deps, decodeURIComponent(col[1]))
      return page ? html(res, 200, page) : html(res, 404, layout('404', '<p>没有这个集合。</p>'))
    }
    if (req.method !== 'POST') return false

    const fire = FIRE.exec(url.pathname)
    if (fire) {
      const fn = decodeURIComponent(fire[1])
      try {
        const result = JSON.parse(await deps.timers.fire(fn)) as unknown
        if (wantsJson) return sendJson(res, 200, { result })
        return redirect(res, `已触发 ${fn}`, true, 'timers')
      } catch (err) {
        const errMsg = (err as Error).message
        if (wantsJson) return sendJson(res, 200, { error: { errMsg } })
        return redirect(res, `${fn} 运行失败：${errMsg.split('\n')[0]}`, false, 'timers')
      }
    }
    if (url.pathname === '/__dev/outbox/clear') {
      deps.openapi.clearOutbox()
      return redirect(res, '发件箱已清空', true, 'outbox')
    }
    if (url.pathname === '/__dev/subscriptions') {
      const form = new URLSearchParams((await readRaw(req, 64 * 1024)).toString('utf8'))
      const openid = form.get('openid') ?? ''
      const templateId = form.get('templateId') ?? ''
      const count = Number(form.get('count') ?? '1')
      try {
        if (!openid || !templateId) throw new Error('openid 和模板 ID 都必须填写')
        await deps.openapi.grant(openid, templateId, count)
        return redirect(
          res,
          `已为 ${openid} 授予模板 ${templateId} 额度 ${count} 次`,
          true,
          'subscriptions',
          {
            openid,
            templateId,
          },
        )
      } catch (err) {
        return redirect(res, `授予失败：${(err as Error).message}`, false, 'subscriptions', {
          openid,
          templateId,
        })
      }
    }
    return false
  }
}
