/** One order: what, when, where, its steps so far, and what the viewer can do now (from the machine). */
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { OrderView } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { TextField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { toCloudError, type CloudCallError } from '@/lib/cloud'
import { useQuery } from '@/lib/use-query'
import { CANCEL_REASONS, HAND_BACK_REASONS, MINUTE_CHOICES, REJECT_REASONS, whenLabel } from '../format'
import './orders.css'

export function OrderDetail({ id }: { id: string }) {
  const query = useQuery(`orders:get:${id}`, () => api.orders.get({ id }), { refreshOnShow: true })
  return <QueryView query={query}>{(o) => <Detail initial={o} />}</QueryView>
}

type Panel = null | 'cancel' | 'reject' | 'handBack' | 'complete' | 'rate' | 'dispatch'

function Detail({ initial }: { initial: OrderView }) {
  const [o, setO] = useState(initial)
  const [panel, setPanel] = useState<Panel>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<CloudCallError>()
  const [done, setDone] = useState<string>()
  const [comment, setComment] = useState('')
  const now = Date.now()

  const run = async (call: () => Promise<OrderView>, message: string) => {
    setBusy(true)
    setError(undefined)
    try {
      setO(await call())
      setDone(message)
      setPanel(null)
    } catch (e) {
      setError(toCloudError(e))
    } finally {
      setBusy(false)
    }
  }
  const can = (e: OrderView['can'][number]) => o.can.includes(e)

  return (
    <>
      <Card label="订单">
        <Field name="服务">{o.category}</Field>
        <Field name="状态">{o.stateName}</Field>
        <Field name="时间">{whenLabel(o.wantedAt, now)}</Field>
        <Field name="地点">{o.where === 'home' ? '上门服务' : `到${o.unitName}`}</Field>
        <Field name="居民">{o.residentName}</Field>
        {o.contact?.address && <Field name="地址">{o.contact.address}</Field>}
        {o.contact?.phone && <Field name="电话">{o.contact.phone}</Field>}
        {o.note && <Field name="备注">{o.note}</Field>}
        {o.noteHeld && !o.note && <Field name="备注">（备注待专管员审核）</Field>}
        {o.teamName && <Field name="服务队">{o.teamName}</Field>}
        {o.holderName && <Field name="志愿者">{o.holderName}</Field>}
        {o.reason && <Field name="原因">{o.reason}</Field>}
        {o.doneNote && <Field name="服务记录">{o.doneNote}</Field>}
        {o.minutes !== null && <Field name="服务时长">{`${o.minutes} 分钟`}</Field>}
        {o.rating && (
          <Field name="评价">{`${'★'.repeat(o.rating.stars)}${'☆'.repeat(5 - o.rating.stars)} ${o.rating.comment}`}</Field>
        )}
      </Card>
      <View {...a11y({ role: 'status', live: 'polite' })}>{done && <Note>{done}</Note>}</View>
      {error && <ErrorNotice message={error.message} />}

      {can('accept') && (
        <Button
          variant="primary"
          block
          disabled={busy}
          onClick={() => run(() => api.orders.accept({ id: o._id }), '接单成功！请按时为居民服务。')}
        >
          {busy ? '正在接单…' : '我来接单'}
        </Button>
      )}
      {(can('rate') || can('rerate')) && (
        <>
          <Heading>{can('rate') ? '请为这次服务打分' : '修改评价（只能改一次）'}</Heading>
          <View className="ord-grid" {...a11y({ role: 'group', label: '星级' })}>
            {([5, 4, 3, 2, 1] as const).map((n) => (
              <Button
                key={n}
                block
                variant={n === 5 ? 'primary' : undefined}
                disabled={busy}
                onClick={() => run(() => api.orders.rate({ id: o._id, stars: n, comment }), '谢谢您的评价！')}
              >
                {`${n} 颗星（${STAR_WORDS[n]}）`}
              </Button>
            ))}
          </View>
          <TextField
            id="rate-comment"
            label="想说的话（可不填，先写再点星）"
            value={comment}
            onChange={setComment}
            maxLength={200}
          />
        </>
      )}
      {can('dispatch') && (
        <DispatchPanel
          order={o}
          busy={busy}
          onDispatch={(teamId) =>
            run(() => api.orders.dispatch({ id: o._id, teamId }), '已派单，服务队的志愿者会收到消息。')
          }
        />
      )}
      {can('complete') &&
        (panel === 'complete' ? (
          <>
            <Heading>服务了多长时间？</Heading>
            <View className="ord-row">
              {MINUTE_CHOICES.map((m) => (
                <Button
                  key={m}
                  disabled={busy}
                  onClick={() =>
                    run(
                      () => api.orders.complete({ id: o._id, minutes: m, note: comment }),
                      '已标记完成，等待居民评价。',
                    )
                  }
                >
                  {`${m} 分钟`}
                </Button>
              ))}
            </View>
            <TextField
              id="done-note"
              label="服务记录（可不填）"
              value={comment}
              onChange={setComment}
              maxLength={200}
            />
          </>
        ) : (
          <Button variant="primary" block onClick={() => setPanel('complete')}>
            服务完成了
          </Button>
        ))}
      {can('escalate') && (
        <Button
          block
          disabled={busy}
          onClick={() => run(() => api.orders.escalate({ id: o._id }), '已上报上级单位。')}
        >
          上报上级单位派单
        </Button>
      )}
      <Reasons
        show={can('handBack')}
        open={panel === 'handBack'}
        onOpen={() => setPanel('handBack')}
        title="退回订单"
        reasons={HAND_BACK_REASONS}
        busy={busy}
        onPick={(reason) =>
          run(() => api.orders.handBack({ id: o._id, reason }), '已退回，服务队的其他志愿者可以接单。')
        }
      />
      <Reasons
        show={can('reject')}
        open={panel === 'reject'}
        onOpen={() => setPanel('reject')}
        title="不予受理"
        reasons={REJECT_REASONS}
        busy={busy}
        onPick={(reason) => run(() => api.orders.reject({ id: o._id, reason }), '已告知居民。')}
      />
      <Reasons
        show={can('cancel')}
        open={panel === 'cancel'}
        onOpen={() => setPanel('cancel')}
        title="取消订单"
        reasons={CANCEL_REASONS}
        busy={busy}
        onPick={(reason) => run(() => api.orders.cancel({ id: o._id, reason }), '订单已取消。')}
      />

      <Heading>进度</Heading>
      <View {...a11y({ role: 'list', label: '订单进度' })}>
        {o.history.map((h) => (
          <View key={`${h.at}-${h.event}`} className="field" {...a11y({ role: 'listitem' })}>
            <View className="field__name">{whenLabel(h.at, now)}</View>
            <View className="field__value">{`${STEP_NAMES[h.event]}（${h.byName}）${h.reason ? `：${h.reason}` : ''}`}</View>
          </View>
        ))}
      </View>
    </>
  )
}

const STAR_WORDS = { 5: '很满意', 4: '满意', 3: '一般', 2: '不满意', 1: '很不满意' } as const

const STEP_NAMES: Record<OrderView['history'][number]['event'], string> = {
  place: '提交预约',
  dispatch: '派单',
  escalate: '上报上级',
  reject: '不予受理',
  cancel: '取消',
  accept: '接单',
  handBack: '退回',
  complete: '服务完成',
  rate: '评价',
  rerate: '修改评价',
}

function Reasons(props: {
  show: boolean
  open: boolean
  onOpen: () => void
  title: string
  reasons: readonly string[]
  busy: boolean
  onPick: (reason: string) => void
}) {
  if (!props.show) return null
  if (!props.open)
    return (
      <Button variant="quiet" block onClick={props.onOpen}>
        {props.title}
      </Button>
    )
  return (
    <>
      <Heading>{`${props.title}：请选择原因`}</Heading>
      <View className="ord-grid">
        {props.reasons.map((r) => (
          <Button key={r} block disabled={props.busy} onClick={() => props.onPick(r)}>
            {r}
          </Button>
        ))}
      </View>
    </>
  )
}

function DispatchPanel({
  order,
  busy,
  onDispatch,
}: {
  order: OrderView
  busy: boolean
  onDispatch: (teamId: string) => void
}) {
  const menu = useQuery(`orders:menu:${order.unitId}`, () => api.orders.menu({ unitId: order.unitId }))
  return (
    <QueryView query={menu}>
      {(m) => {
        const teams = m.items.find((i) => i.category === order.category)?.teams ?? []
        return (
          <>
            <Heading>派给哪个服务队？</Heading>
            {teams.length === 0 && <Note>服务菜单里还没有提供这项服务的服务队，请先在服务菜单里设置。</Note>}
            <View className="ord-grid">
              {teams.map((t) => (
                <Button key={t._id} variant="primary" block disabled={busy} onClick={() => onDispatch(t._id)}>
                  {`派给${t.name}`}
                </Button>
              ))}
            </View>
          </>
        )
      }}
    </QueryView>
  )
}
