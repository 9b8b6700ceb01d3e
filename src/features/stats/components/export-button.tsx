import { View } from '@tarojs/components'
import type { PeriodKind } from '@core/contract'
import { Button } from '@/components/button'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { openDocument } from '@/lib/open-document'

/** 导出 Excel: the server writes the file to cloud storage; the phone opens it from the temporary link. */
export function ExportButton({ unitId, period, date }: { unitId: string; period: PeriodKind; date: string }) {
  const [state, run] = useMutation(async () => {
    const file = await api.stats.export({ unitId, period, date })
    if (!file.url) throw new Error('文件链接暂时拿不到，请再点一次')
    await openDocument(file.url, file.name, 'xlsx', '文件下载失败，请稍后再试')
    return file
  })
  return (
    <View>
      <Button block onClick={() => void run()} disabled={state.status === 'pending'}>
        {state.status === 'pending' ? '正在生成表格…' : '导出 Excel 表格'}
      </Button>
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
    </View>
  )
}
