/** Mini-program: download from the temporary link, then open it with the menu to save, print or forward. */
import Taro from '@tarojs/taro'
import type { DocumentType } from './open-document'

export type { DocumentType }

export async function openDocument(
  url: string,
  name: string,
  fileType: DocumentType,
  failed: string,
): Promise<void> {
  void name
  const res = await Taro.downloadFile({ url })
  if (res.statusCode !== 200) throw new Error(failed)
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true })
}

export function downloadAs(url: string, name: string, failed: string): Promise<void> {
  void [url, name, failed]
  return Promise.reject(new Error('小程序里请用「保存」或「转发」'))
}
