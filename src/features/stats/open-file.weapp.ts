/** Mini-program: download the file from the temporary link, then open it (with the menu to forward or save). */
import Taro from '@tarojs/taro'

export async function openExcel(url: string, name: string): Promise<void> {
  void name
  const res = await Taro.downloadFile({ url })
  if (res.statusCode !== 200) throw new Error('文件下载失败，请稍后再试')
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
}
