import { View } from '@tarojs/components'
import { useRef } from 'react'
import type { RedemptionView, ShopItem } from '@core/contract'
import { formatDayLong } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { groupedCode, newRequestId, STATUS_LABEL } from '../credit-text'
import { PickupQr } from './pickup-qr'
import './credit.css'

function ItemRow({ item, onRedeemed }: { item: ShopItem; onRedeemed: () => void }) {
  // one id per intent: a retry after a lost answer reuses it and is answered the same redemption
  const intent = useRef(newRequestId())
  const [state, run] = useMutation(async () => {
    const res = await api.credit.redeem({ itemId: item._id, requestId: intent.current })
    intent.current = newRequestId()
    onRedeemed()
    return res
  })
  return (
    <View className="credit-row" {...a11y({ role: 'listitem' })}>
      <View className="credit-row__title">{item.title}</View>
      <View className="credit-row__line">
        需要 {item.price} 分 · {item.stock > 0 ? `还剩 ${item.stock} 件` : '已兑完'}
      </View>
      {state.status === 'success' && (
        <View className="credit-row__line" {...a11y({ role: 'status' })}>
          已兑换，取货码在下方「我的兑换」
        </View>
      )}
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      <Button
        variant="primary"
        disabled={item.stock <= 0 || state.status === 'pending'}
        label={`兑换${item.title}，需要 ${item.price} 分`}
        onClick={() => void run()}
      >
        {state.status === 'pending' ? '正在兑换…' : '兑换'}
      </Button>
    </View>
  )
}

export function ShopItems({ items, onRedeemed }: { items: ShopItem[]; onRedeemed: () => void }) {
  if (items.length === 0) return <Note>这个站点的爱心超市暂时没有可兑换的物品。</Note>
  return (
    <View className="list" {...a11y({ role: 'list', label: '可兑换的物品' })}>
      {items.map((i) => (
        <ItemRow key={i._id} item={i} onRedeemed={onRedeemed} />
      ))}
    </View>
  )
}

function RedemptionRow({ r, onChanged }: { r: RedemptionView; onChanged: () => void }) {
  const [state, run] = useMutation(async () => {
    const res = await api.credit.cancel({ id: r._id })
    onChanged()
    return res
  })
  return (
    <View className="credit-row" {...a11y({ role: 'listitem' })}>
      <View className="credit-row__title">
        {r.itemTitle}（{STATUS_LABEL[r.status]}）
      </View>
      <View className="credit-row__line">
        {r.unitName} · {r.price} 分
      </View>
      {r.status === 'held' && (
        <>
          <View className="credit-row__line">取货码（请出示给站点专管员扫码，或念给专管员输入）</View>
          {r.qr && <PickupQr src={r.qr} alt={`${r.itemTitle}的取货二维码`} />}
          <View className="credit-code" {...a11y({ label: `取货码 ${r.code.split('').join(' ')}` })}>
            {groupedCode(r.code)}
          </View>
          <View className="credit-row__line">请在 {formatDayLong(r.expiresAt)} 前领取，过期积分自动退回</View>
          {state.status === 'error' && <ErrorNotice message={state.error.message} />}
          <Button
            disabled={state.status === 'pending'}
            label={`取消兑换${r.itemTitle}`}
            onClick={() => void run()}
          >
            取消兑换（积分退回）
          </Button>
        </>
      )}
    </View>
  )
}

export function MyRedemptions({ list, onChanged }: { list: RedemptionView[]; onChanged: () => void }) {
  return (
    <>
      <Heading>我的兑换</Heading>
      {list.length === 0 ? (
        <Note>还没有兑换记录。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '我的兑换' })}>
          {list.map((r) => (
            <RedemptionRow key={r._id} r={r} onChanged={onChanged} />
          ))}
        </View>
      )}
    </>
  )
}
