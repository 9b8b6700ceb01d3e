/** The lists: 我的订单 (residents), 可接订单 (volunteers), the manager's queue with the month's figures. */
import type { OrderFigures, OrderView } from '@core/contract'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { List, ListItem } from '@/components/list-item'
import { QueryView } from '@/components/query-view'
import { Button } from '@/components/button'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { orderLines } from '../format'
import { openNewOrder, openOrder } from '../navigation'
import './orders.css'

function Orders({ orders, label, empty }: { orders: OrderView[]; label: string; empty: string }) {
  const now = Date.now()
  if (!orders.length) return <Note>{empty}</Note>
  return (
    <List label={label}>
      {orders.map((o) => (
        <ListItem
          key={o._id}
          title={`${o.category} · ${o.residentName}`}
          lines={orderLines(o, now)}
          onOpen={() => openOrder(o._id)}
        />
      ))}
    </List>
  )
}

export function MyOrders() {
  const query = useQuery('orders:mine', () => api.orders.mine({}), { refreshOnShow: true })
  return (
    <>
      <Button variant="primary" block onClick={openNewOrder}>
        预约新的服务
      </Button>
      <QueryView query={query}>
        {(d) => <Orders orders={d.orders} label="我的订单" empty="您还没有预约过服务。" />}
      </QueryView>
    </>
  )
}

export function AvailableOrders() {
  const query = useQuery('orders:available', () => api.orders.available({}), { refreshOnShow: true })
  return (
    <QueryView query={query}>
      {(d) => (
        <>
          <Heading>我接的订单</Heading>
          <Orders orders={d.mine} label="我接的订单" empty="您现在没有进行中的订单。" />
          <Heading>可接订单（先接先得）</Heading>
          <Orders orders={d.open} label="可接订单" empty="暂时没有派给您服务队的订单。" />
        </>
      )}
    </QueryView>
  )
}

function Figures({ f }: { f: OrderFigures }) {
  const m = (v: number | null) => (v === null ? '—' : `${v} 分钟`)
  return (
    <Card label={`本月数据（${f.month}）`}>
      <Field name="本月订单">{`${f.placed} 单`}</Field>
      <Field name="待派单 / 待接单 / 服务中">{`${f.byState.submitted} / ${f.byState.dispatched} / ${f.byState.accepted}`}</Field>
      <Field name="待评价 / 已评价">{`${f.byState.done} / ${f.byState.rated}`}</Field>
      <Field name="已取消 / 未受理">{`${f.byState.cancelled} / ${f.byState.rejected}`}</Field>
      <Field name="平均派单用时">{m(f.avgDispatchMinutes)}</Field>
      <Field name="平均接单用时">{m(f.avgAcceptMinutes)}</Field>
      <Field name="平均完成用时">{m(f.avgDoneMinutes)}</Field>
      <Field name="满意度">
        {f.satisfaction === null ? '—' : `${f.satisfaction} 星（${f.ratings} 条评价）`}
      </Field>
    </Card>
  )
}

export function ManagerQueue({ unitId }: { unitId?: string }) {
  const query = useQuery(`orders:queue:${unitId ?? ''}`, () => api.orders.queue(unitId ? { unitId } : {}), {
    refreshOnShow: true,
  })
  const figures = useQuery(unitId ? `orders:figures:${unitId}` : null, () =>
    api.orders.figures({ unitId: unitId! }),
  )
  return (
    <>
      {figures.status === 'success' && <Figures f={figures.data} />}
      <QueryView query={query}>
        {(d) => (
          <>
            <Heading>{`待派单（${d.waiting.length}${d.more ? '+' : ''}）`}</Heading>
            <Orders orders={d.waiting} label="待派单" empty="没有等待派单的订单。" />
            <Heading>进行中</Heading>
            <Orders orders={d.underway} label="进行中" empty="没有进行中的订单。" />
          </>
        )}
      </QueryView>
    </>
  )
}
