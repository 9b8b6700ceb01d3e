/** Mini-program: download the PDF from the temporary link, then open it (the menu saves, prints or forwards it). */
import Taro from '@tarojs/taro'

export async function openPdf(url: string, name: string): Promise<void> {
  void name
  const res = await Taro.downloadFile({ url })
  if (res.statusCode !== 200) throw new Error('证明文件下载失败，请稍后再试')
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true })
}
