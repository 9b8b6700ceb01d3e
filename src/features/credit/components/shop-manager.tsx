import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ShopItem } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { CheckField, TextField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { groupedCode } from '../credit-text'
import { CAN_SCAN, scanPickupCode } from '../scan'
import './credit.css'

/** 核销: scan (or type) the pickup code; the server hands it over once, whoever scans first. */
export function HandOverPanel() {
  const [code, setCode] = useState('')
  const [state, run] = useMutation((c: string) => api.credit.handOver({ code: c }))
  const scan = async () => {
    const got = await scanPickupCode()
    if (got) {
      setCode(got)
      void run(got)
    }
  }
  return (
    <Card label="核销取货码">
      {CAN_SCAN && (
        <Button variant="primary" block onClick={() => void scan()}>
          扫取货码
        </Button>
      )}
      <TextField
        id="credit-handover-code"
        label="或输入取货码（16 位）"
        value={code}
        maxLength={24}
        onChange={(v) => setCode(v.replace(/\s/g, ''))}
      />
      <Button block disabled={state.status === 'pending' || code.length === 0} onClick={() => void run(code)}>
        确认发放
      </Button>
      {state.status === 'success' && (
        <View className="credit-row__title" {...a11y({ role: 'status' })}>
          已发放「{state.data.redemption.itemTitle}」（{groupedCode(state.data.redemption.code)}）
        </View>
      )}
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
    </Card>
  )
}

function ItemEditor({ unitId, item, onSaved }: { unitId: string; item?: ShopItem; onSaved: () => void }) {
  const [title, setTitle] = useState(item?.title ?? '')
  const [price, setPrice] = useState(item ? String(item.price) : '')
  const [stock, setStock] = useState(item ? String(item.stock) : '')
  const [active, setActive] = useState(item?.active ?? true)
  const [state, run] = useMutation(async () => {
    const res = await api.credit.saveItem({
      id: item?._id,
      unitId,
      title,
      price: Number(price),
      stock: Number(stock),
      active,
    })
    onSaved()
    return res
  })
  const key = item?._id ?? 'new'
  const fields = state.status === 'error' ? (state.error.fields ?? {}) : {}
  return (
    <Card label={item ? `修改「${item.title}」` : '新增物品'}>
      <TextField
        id={`credit-${key}-title`}
        label="物品名称"
        value={title}
        maxLength={30}
        onChange={setTitle}
        error={fields.title}
      />
      <TextField
        id={`credit-${key}-price`}
        label="所需积分"
        type="number"
        value={price}
        onChange={setPrice}
        error={fields.price}
      />
      <TextField
        id={`credit-${key}-stock`}
        label="库存（件）"
        type="number"
        value={stock}
        onChange={setStock}
        error={fields.stock}
      />
      <CheckField
        id={`credit-${key}-active`}
        label="上架（居民可见）"
        checked={active}
        onChange={setActive}
      />
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      {state.status === 'success' && <Note>已保存</Note>}
      <Button variant="primary" block disabled={state.status === 'pending'} onClick={() => void run()}>
        保存
      </Button>
    </Card>
  )
}

/** A station's goods: edit each, add one. */
export function ItemsEditor({
  unitId,
  items,
  onSaved,
}: {
  unitId: string
  items: ShopItem[]
  onSaved: () => void
}) {
  return (
    <>
      <Heading>爱心超市物品</Heading>
      {items.map((i) => (
        <ItemEditor key={`${i._id}:${i.stock}:${i.price}`} unitId={unitId} item={i} onSaved={onSaved} />
      ))}
      <ItemEditor key={`new:${items.length}`} unitId={unitId} onSaved={onSaved} />
    </>
  )
}
