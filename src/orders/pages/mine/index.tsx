import { Page } from '@/components/page'
import { MyOrders } from '@/features/orders/components/order-lists'

export default function MyOrdersPage() {
  return (
    <Page title="我的订单">
      <MyOrders />
    </Page>
  )
}
