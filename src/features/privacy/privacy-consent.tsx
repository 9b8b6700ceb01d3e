import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { AGREE_BUTTON_ID, usePrivacy } from './store'

/** Shown in the page only while WeChat waits for privacy consent (weapp); never on its own. */
export function PrivacyConsent() {
  const asking = usePrivacy((state) => state.waiting.length > 0)
  const answer = usePrivacy((state) => state.answer)
  if (!asking) return null
  return (
    <Card label="隐私保护提示">
      <View>为了找到离您最近的文明实践站，需要使用您的位置。请先阅读并同意《隐私保护指引》。</View>
      <Button variant="quiet" onClick={() => Taro.openPrivacyContract({})}>
        查看《隐私保护指引》
      </Button>
      <Button
        variant="primary"
        block
        id={AGREE_BUTTON_ID}
        openType="agreePrivacyAuthorization"
        onAgreePrivacyAuthorization={() => answer(true)}
      >
        同意并继续
      </Button>
      <Button variant="secondary" block onClick={() => answer(false)}>
        不同意
      </Button>
    </Card>
  )
}
