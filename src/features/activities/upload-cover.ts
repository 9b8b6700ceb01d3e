/** Mini-program: the chosen picture goes straight to cloud storage (wx.cloud.uploadFile). H5: upload-cover.h5.ts. */
import Taro from '@tarojs/taro'

export interface ChosenCover {
  fileId: string
  /** shows the picture in the form */
  preview: string
}

/** Opens the album or camera; undefined when the person changes their mind. */
export async function chooseAndUploadCover(unitId: string): Promise<ChosenCover | undefined> {
  let path: string
  try {
    const chosen = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })
    path = chosen.tempFiles[0]!.tempFilePath
  } catch {
    return undefined
  }
  const ext = /\.(jpe?g|png|webp)$/i.exec(path)?.[1]?.toLowerCase() ?? 'jpg'
  const cloudPath = `activity-covers/${unitId}/${Date.now().toString(36)}.${ext}`
  const uploaded = await Taro.cloud.uploadFile({ cloudPath, filePath: path })
  return { fileId: uploaded.fileID, preview: path }
}
