/**
 * 朗读 on the mini-program, through WeChat's 同声传译 plugin (WechatSI) when the app declares it in
 * app.config.ts `plugins` (it must be added to the mini-program in the WeChat console first). Without the
 * plugin there is no speech API on weapp: canSpeak() is false and the page shows no 朗读 button.
 * H5: speaker.h5.ts (the browser's speechSynthesis).
 */
import Taro from '@tarojs/taro'
import { chunks } from './speech-chunks'

interface WechatSI {
  textToSpeech(options: {
    lang: 'zh_CN'
    tts: boolean
    content: string
    success: (res: { filename: string }) => void
    fail: (err: unknown) => void
  }): void
}

declare const requirePlugin: ((name: string) => unknown) | undefined

function plugin(): WechatSI | undefined {
  try {
    return typeof requirePlugin === 'function' ? (requirePlugin('WechatSI') as WechatSI) : undefined
  } catch {
    return undefined
  }
}

let audio: Taro.InnerAudioContext | undefined
let session = 0

export function canSpeak(): boolean {
  return plugin() !== undefined
}

export function speak(text: string, onEnd: () => void): void {
  const si = plugin()
  if (!si) {
    onEnd()
    return
  }
  stopSpeaking()
  const mine = ++session
  const parts = chunks(text)
  audio = Taro.createInnerAudioContext()
  const next = (i: number) => {
    if (mine !== session) return
    if (i >= parts.length) {
      onEnd()
      return
    }
    si.textToSpeech({
      lang: 'zh_CN',
      tts: true,
      content: parts[i]!,
      success: ({ filename }) => {
        if (mine !== session || !audio) return
        audio.src = filename
        audio.onEnded(() => next(i + 1))
        audio.play()
      },
      fail: () => onEnd(),
    })
  }
  next(0)
}

export function stopSpeaking(): void {
  session++
  audio?.stop()
  audio?.destroy()
  audio = undefined
}
