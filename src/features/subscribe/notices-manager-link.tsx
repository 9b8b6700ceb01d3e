import Taro from '@tarojs/taro'
import { Button } from '@/components/button'
import { callCloud } from '@/lib/cloud'
import { useQuery } from '@/lib/use-query'

/** For managers (专管员): the way to the practice-day settings, the notices sent and ad-hoc notices. */
export function NoticesManagerLink() {
  const me = useQuery('users:me', () => callCloud('users', 'me', {}))
  if (me.status !== 'success' || me.data.managedUnitIds.length === 0) return null
  return (
    <Button
      block
      onClick={() => void Taro.navigateTo({ url: '/manager/pages/notices/index' }).catch(() => undefined)}
    >
      实践日提醒（设置、发送情况、临时通知）
    </Button>
  )
}
