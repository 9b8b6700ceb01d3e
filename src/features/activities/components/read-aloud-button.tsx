import { useEffect, useState } from 'react'
import { Button } from '@/components/button'
import { canSpeak, speak, stopSpeaking } from '../speaker'

/** 朗读: reads the activity out; a second tap stops. Shown only where the platform can speak. */
export function ReadAloudButton({ text }: { text: string }) {
  const [speaking, setSpeaking] = useState(false)
  useEffect(() => () => stopSpeaking(), [])
  if (!canSpeak()) return null
  const toggle = () => {
    if (speaking) {
      stopSpeaking()
      setSpeaking(false)
      return
    }
    setSpeaking(true)
    speak(text, () => setSpeaking(false))
  }
  return (
    <Button block pressed={speaking} onClick={toggle}>
      {speaking ? '停止朗读' : '朗读活动内容'}
    </Button>
  )
}
