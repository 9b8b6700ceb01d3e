import Taro from '@tarojs/taro'
import { Button } from '@/components/button'
import { CAN_SCAN_IN_APP, scanForScene } from '../scan-code'

/** 重新扫码 (in the mini-program), or back to the home page where a browser cannot scan. */
export function ScanAgain() {
  const again = async () => {
    const scene = await scanForScene()
    if (scene !== null) {
      Taro.redirectTo({ url: `/pages/scan/index?scene=${encodeURIComponent(scene)}` }).catch(() => undefined)
    }
  }
  if (!CAN_SCAN_IN_APP) {
    return (
      <Button variant="secondary" block onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}>
        回到首页
      </Button>
    )
  }
  return (
    <Button variant="primary" block onClick={() => void again()}>
      重新扫码
    </Button>
  )
}
