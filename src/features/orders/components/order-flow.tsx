/**
 * 点单 in three screens, no typing needed: a service (tap), a time (tap), 提交 (tap) — with the home
 * page's entry, a standard order is four taps. 上门, an address, a note and ordering for a family member
 * are there for whoever wants them.
 */
import { View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import type { MenuView, OrderView, ServiceCategory } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { TextField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { toCloudError, type CloudCallError } from '@/lib/cloud'
import { requestSubscribe } from '@/lib/request-subscribe'
import { useQuery } from '@/lib/use-query'
import { newRequestId, slotsFrom, whenLabel, type Slot } from '../format'
import { openMyOrders, openOrder } from '../navigation'
import './orders.css'

type Step = 'service' | 'when' | 'confirm'

export function OrderFlow() {
  const menu = useQuery('orders:menu', () => api.orders.menu({}))
  return <QueryView query={menu}>{(m) => <Flow menu={m} />}</QueryView>
}

function Flow({ menu }: { menu: MenuView }) {
  const [step, setStep] = useState<Step>('service')
  const [category, setCategory] = useState<ServiceCategory>()
  const [slot, setSlot] = useState<Slot>()
  const [where, setWhere] = useState<'station' | 'home'>('station')
  const [address, setAddress] = useState('')
  const [note, setNote] = useState('')
  const [forName, setForName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<CloudCallError>()
  const [placed, setPlaced] = useState<OrderView>()
  const requestId = useMemo(newRequestId, [])
  const now = Date.now()
  const slots = useMemo(() => slotsFrom(now), [step]) // eslint-disable-line react-hooks/exhaustive-deps
  const items = menu.items.filter((i) => i.active)

  if (placed) {
    return (
      <View {...a11y({ role: 'status', live: 'polite' })}>
        <Note>
          预约已提交！{placed.category}，{whenLabel(placed.wantedAt, now)}
          。站点安排好志愿者后会在“我的消息”里告诉您。
        </Note>
        <View className="ord-grid">
          <Button variant="primary" block onClick={() => openOrder(placed._id)}>
            查看这个订单
          </Button>
          <Button block onClick={openMyOrders}>
            我的订单
          </Button>
        </View>
      </View>
    )
  }

  if (step === 'service' || !category) {
    return (
      <>
        <Heading>您需要什么服务？</Heading>
        {items.length === 0 && <Note>本中心暂时没有可预约的服务。</Note>}
        <View className="ord-grid" {...a11y({ role: 'list', label: '服务项目' })}>
          {items.map((i) => (
            <View key={i.category} {...a11y({ role: 'listitem' })}>
              <Button
                block
                onClick={() => {
                  setCategory(i.category)
                  setStep('when')
                }}
              >
                <View>{i.category}</View>
                <View className="ord-choice__desc">{i.description}</View>
              </Button>
            </View>
          ))}
        </View>
        <Button variant="quiet" block onClick={openMyOrders}>
          我的订单
        </Button>
      </>
    )
  }

  if (step === 'when' || !slot) {
    return (
      <>
        <Heading>{`${category}：什么时候？`}</Heading>
        <View className="ord-grid" {...a11y({ role: 'list', label: '服务时间' })}>
          {slots.map((s) => (
            <View key={s.at} {...a11y({ role: 'listitem' })}>
              <Button
                block
                onClick={() => {
                  setSlot(s)
                  setStep('confirm')
                }}
              >
                {s.label}
              </Button>
            </View>
          ))}
        </View>
        <Button variant="quiet" block onClick={() => setStep('service')}>
          上一步：换个服务
        </Button>
      </>
    )
  }

  const submit = async () => {
    // wx.requestSubscribeMessage only works inside the tap: asked before anything is awaited
    const asked = requestSubscribe(menu.templateId)
    setBusy(true)
    setError(undefined)
    try {
      const accepted = (await asked) === 'accept' ? [menu.templateId] : []
      const order = await api.orders.place({
        requestId,
        category,
        wantedAt: slot.at,
        where,
        address: where === 'home' ? address : '',
        note,
        forName: forName || undefined,
        accepted,
      })
      setPlaced(order)
    } catch (e) {
      setError(toCloudError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Heading>请确认</Heading>
      <Card label="预约内容">
        <Field name="服务">{category}</Field>
        <Field name="时间">{slot.label}</Field>
        <Field name="地点">{where === 'home' ? '志愿者上门' : '到站点'}</Field>
      </Card>
      {error && <ErrorNotice message={error.message} />}
      <Button variant="primary" block disabled={busy} onClick={submit}>
        {busy ? '正在提交…' : '提交预约'}
      </Button>
      <View className="ord-row">
        <Button pressed={where === 'station'} onClick={() => setWhere('station')}>
          到站点
        </Button>
        <Button pressed={where === 'home'} onClick={() => setWhere('home')}>
          请志愿者上门
        </Button>
      </View>
      {where === 'home' && (
        <TextField id="order-address" label="上门地址" value={address} onChange={setAddress} maxLength={80} />
      )}
      <TextField
        id="order-note"
        label="备注（可不填）"
        value={note}
        onChange={setNote}
        multiline
        maxLength={200}
      />
      <TextField
        id="order-for"
        label="替家人预约：家人姓名（可不填）"
        value={forName}
        onChange={setForName}
        maxLength={20}
      />
      <Button variant="quiet" block onClick={() => setStep('when')}>
        上一步：换个时间
      </Button>
    </>
  )
}
