import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@/components/button'
import './activities.css'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

/** The home page's big way in to 本周活动 (每周活动预告), and to 我的. */
export function HomeEntries() {
  return (
    <View className="act-row">
      <Button variant="primary" onClick={() => go('/pages/week/index')}>
        本周活动
      </Button>
      <Button onClick={() => go('/mine/pages/my/index')}>我的</Button>
    </View>
  )
}

/** On a station's page: that station's 本周活动. */
export function StationWeekEntry({ unitId }: { unitId: string }) {
  return (
    <Button
      variant="primary"
      block
      onClick={() => go(`/pages/week/index?unitId=${encodeURIComponent(unitId)}`)}
    >
      本站本周活动
    </Button>
  )
}
