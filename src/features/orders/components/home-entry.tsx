import { Button } from '@/components/button'
import { openNewOrder } from '../navigation'
import './orders.css'

/** The home page's way in to 点单 (预约服务): one tap to the service list. */
export function OrdersEntry() {
  return (
    <Button block onClick={openNewOrder}>
      预约志愿服务（理发、义诊、维修…）
    </Button>
  )
}
