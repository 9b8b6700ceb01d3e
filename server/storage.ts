import type { Cloud } from './types'

/**
 * A cloud-storage file's temporary https link (getTempFileURL), or null when the platform gives none:
 * how a function hands a file it stored (an Excel export, a certificate PDF, a poster, a cover) to the
 * phone, never inline in its answer.
 */
export async function tempUrl(cloud: Cloud, fileID: string): Promise<string | null> {
  const temp = (await cloud.getTempFileURL({ fileList: [fileID] })) as {
    fileList?: Array<{ tempFileURL?: string; status?: number }>
  }
  const file = temp.fileList?.[0]
  return file?.status === 0 && file.tempFileURL ? file.tempFileURL : null
}
