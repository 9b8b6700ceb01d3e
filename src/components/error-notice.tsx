import { View } from '@tarojs/components'
import { a11y } from './a11y'
import { Button } from './button'
import './content.css'

export interface ErrorNoticeProps {
  /** a Chinese message a person can act on (CloudCallError.message) */
  message: string
  onRetry?: () => void
}

/** The one place errors are shown: in the page, where the content would be; never a pop-up. */
export function ErrorNotice({ message, onRetry }: ErrorNoticeProps) {
  return (
    <View className="note note--error" {...a11y({ role: 'alert' })}>
      <View className="note__text">{message}</View>
      {onRetry && (
        <Button variant="primary" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}
