import { Button } from '@/components/button'
import { openAvailable, openMyOrders, openQueue } from '../navigation'

/** 我的 page entries: 我的订单 for everyone, 可接订单 for volunteers, 点单派单 for managers. */
export function OrderEntries({ volunteer, manager }: { volunteer: boolean; manager: boolean }) {
  return (
    <>
      <Button block onClick={openMyOrders}>
        我的订单（预约的服务）
      </Button>
      {volunteer && (
        <Button block onClick={openAvailable}>
          可接订单（居民点单）
        </Button>
      )}
      {manager && (
        <Button block onClick={openQueue}>
          点单派单（待派单、进行中、本月数据）
        </Button>
      )}
    </>
  )
}
