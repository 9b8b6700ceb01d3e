import Taro from '@tarojs/taro'
import { Button } from '@/components/button'
import { CAN_SCAN_IN_APP, scanForScene } from '../scan-code'

/**
 * 扫一扫 on the home page: scan a station's printed code (or a volunteer sign-in code) from inside the
 * mini-program. A browser has no scanner, so the H5 build shows nothing here.
 */
export function ScanEntry() {
  if (!CAN_SCAN_IN_APP) return null
  const scan = async () => {
    const scene = await scanForScene()
    if (scene !== null) {
      Taro.navigateTo({ url: `/pages/scan/index?scene=${encodeURIComponent(scene)}` }).catch(() => undefined)
    }
  }
  return (
    <Button block onClick={() => void scan()}>
      扫一扫（扫站点二维码、签到码）
    </Button>
  )
}
