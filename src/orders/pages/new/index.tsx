import { Page } from '@/components/page'
import { OrderFlow } from '@/features/orders/components/order-flow'

export default function NewOrderPage() {
  return (
    <Page title="预约服务">
      <OrderFlow />
    </Page>
  )
}
