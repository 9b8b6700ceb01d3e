/**
 * What can be done with a drawn poster on the mini-program: save it to the album (saveImageToPhotosAlbum,
 * declared in src/features/privacy/uses.ts and app.json's privacy guide) or share it (showShareImageMenu:
 * 发送给朋友, 保存, 收藏). H5: poster-actions.h5.ts downloads the file.
 */
import Taro from '@tarojs/taro'

export interface PosterAction {
  label: string
  run(url: string, name: string): Promise<string>
}

async function download(url: string): Promise<string> {
  const res = await Taro.downloadFile({ url })
  if (res.statusCode !== 200) throw new Error('海报下载失败，请稍后再试')
  return res.tempFilePath
}

function denied(err: unknown): boolean {
  const msg = (err as { errMsg?: string } | null)?.errMsg ?? ''
  return /auth|deny|denied/i.test(msg)
}

export const POSTER_ACTIONS: readonly PosterAction[] = [
  {
    label: '保存到手机相册',
    async run(url) {
      const filePath = await download(url)
      try {
        await Taro.saveImageToPhotosAlbum({ filePath })
      } catch (err) {
        if (denied(err))
          throw new Error('没有保存到相册的权限：请点右上角「…」→「设置」，允许「添加到相册」后再试')
        throw err
      }
      return '已保存到手机相册，可以发到微信群'
    },
  },
  {
    label: '发送给微信好友或群',
    async run(url) {
      await Taro.showShareImageMenu({ path: await download(url) })
      return ''
    },
  },
]
