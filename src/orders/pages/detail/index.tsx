import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { OrderDetail } from '@/features/orders/components/order-detail'

export default function OrderDetailPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return <Page title="订单详情">{id ? <OrderDetail id={id} /> : <Note>没有找到这个订单。</Note>}</Page>
}
