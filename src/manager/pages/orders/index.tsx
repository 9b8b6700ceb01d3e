import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { ManagerQueue } from '@/features/orders/components/order-lists'
import { useMe } from '@/lib/use-me'

/** 点单派单: the orders waiting at the units I manage, those under way, and the month's figures. */
export default function ManagerOrdersPage() {
  const me = useMe()
  return (
    <Page title="点单派单">
      <QueryView query={me}>{(m) => <ManagerQueue unitId={m.managedUnitIds[0]} />}</QueryView>
    </Page>
  )
}
