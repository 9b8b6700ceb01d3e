import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useEffect } from 'react'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { AGREE_BUTTON_ID, usePrivacy } from './store'
import { consentText } from './uses'

/**
 * Shown in the page only while WeChat waits for privacy consent (weapp); never on its own. Every page that can
 * call a privacy API renders one (verify:weapp checks it); while none is mounted a request is refused.
 */
export function PrivacyConsent() {
  const asking = usePrivacy((state) => state.waiting.length > 0)
  const referrer = usePrivacy((state) => state.referrer)
  const answer = usePrivacy((state) => state.answer)
  const mount = usePrivacy((state) => state.mount)
  useEffect(() => mount(), [mount])
  if (!asking) return null
  return (
    <Card label="隐私保护提示">
      <View>{consentText(referrer)}</View>
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
