import { View } from '@tarojs/components'
import { useState } from 'react'
import type { StationCodeView } from '@core/contract'
import { UNIT_LEVEL_NAMES } from '@core/domain'
import { formatDayLong } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { savePrintCard } from '../print-card'
import { CodeImage } from './code-image'
import './signin.css'

function codeStatus(code: StationCodeView): string {
  if (code.generatedAt === null) return '尚未生成二维码'
  return `已生成（第 ${code.version} 版，${formatDayLong(code.generatedAt)}）`
}

function UnitCode({ initial }: { initial: StationCodeView }) {
  const [code, setCode] = useState(initial)
  const [preview, setPreview] = useState<string | null>(null)
  const [generate, runGenerate] = useMutation(async (regenerate: boolean) => {
    const res = await api.codes.generate({ unitId: code.unitId, regenerate })
    setCode(res.code)
    const image = await api.codes.image({ unitId: code.unitId })
    setPreview(image.dataUrl)
    return res
  })
  const [download, runDownload] = useMutation(async () => {
    const image = await api.codes.image({ unitId: code.unitId })
    setPreview(image.dataUrl)
    return savePrintCard(image.dataUrl, image.code.unitName)
  })
  const generated = code.generatedAt !== null
  return (
    <View className="signin-row" {...a11y({ role: 'listitem' })}>
      <View className="signin-row__title">{code.unitName}</View>
      <View className="signin-row__line">
        {UNIT_LEVEL_NAMES[code.level]} · 编码 {code.unitCode}
      </View>
      <View className="signin-row__line" {...a11y({ role: 'status', live: 'polite' })}>
        {generate.status === 'pending' ? '正在生成…' : codeStatus(code)}
      </View>
      {preview && <CodeImage src={preview} alt={`${code.unitName} 站点二维码`} size="small" />}
      <View className="signin-actions">
        {!generated && (
          <Button
            variant="primary"
            label={`为 ${code.unitName} 生成二维码`}
            onClick={() => void runGenerate(false)}
          >
            生成二维码
          </Button>
        )}
        {generated && (
          <Button
            variant="primary"
            label={`下载 ${code.unitName} 的打印图片`}
            disabled={download.status === 'pending'}
            onClick={() => void runDownload()}
          >
            下载打印图片
          </Button>
        )}
        {generated && (
          <Button label={`重新生成 ${code.unitName} 的二维码`} onClick={() => void runGenerate(true)}>
            重新生成
          </Button>
        )}
      </View>
      {download.status === 'success' && <Note>{download.data}</Note>}
      {generate.status === 'error' && <ErrorNotice message={generate.error.message} />}
      {download.status === 'error' && <ErrorNotice message={download.error.message} />}
    </View>
  )
}

/** 站点二维码: each unit's printed code, generated once, downloaded as a card with the unit's name. */
export function StationCodesPanel({ units, truncated }: { units: StationCodeView[]; truncated: boolean }) {
  return (
    <>
      <Note>
        每个站点的二维码只需生成一次，打印后张贴在门口。群众扫码即可查看当天活动并签到。重新生成不会让已张贴的二维码失效。
      </Note>
      <View className="list" {...a11y({ role: 'list', label: '站点二维码' })}>
        {units.map((u) => (
          <UnitCode key={u.unitId} initial={u} />
        ))}
      </View>
      {truncated && <Note>单位太多，只列出前 1000 个。请从所或站进入查看。</Note>}
    </>
  )
}
