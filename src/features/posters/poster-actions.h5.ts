/** H5: the browser downloads the poster under its Chinese name (poster-actions.ts is the mini-program's). */
import { downloadAs } from '@/lib/open-document'

export interface PosterAction {
  label: string
  run(url: string, name: string): Promise<string>
}

export const POSTER_ACTIONS: readonly PosterAction[] = [
  {
    label: '下载海报图片',
    async run(url, name) {
      await downloadAs(url, name, '海报下载失败，请稍后再试')
      return `已下载「${name}」`
    },
  },
]
