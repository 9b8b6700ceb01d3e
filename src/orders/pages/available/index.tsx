import { Page } from '@/components/page'
import { AvailableOrders } from '@/features/orders/components/order-lists'

export default function AvailableOrdersPage() {
  return (
    <Page title="可接订单">
      <AvailableOrders />
    </Page>
  )
}
