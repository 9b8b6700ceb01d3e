/**
 * A file the server left in cloud storage, opened from its temporary link. Taro picks the target's file:
 * open-document.weapp.ts (downloadFile, then openDocument with its menu to save, print or forward) or
 * open-document.h5.ts (a browser download under the file's Chinese name). This file serves type checking.
 * Used by the certificate PDF, the statistics Excel and (H5) the weekly poster.
 */
export type DocumentType = 'pdf' | 'xlsx'

/** Opens the document; `failed` is the message when the download fails. */
export function openDocument(
  url: string,
  name: string,
  fileType: DocumentType,
  failed: string,
): Promise<void> {
  void [url, name, fileType, failed]
  return Promise.reject(new Error('这个平台不能打开文件'))
}

/** H5 only: the browser saves the file under `name`. */
export function downloadAs(url: string, name: string, failed: string): Promise<void> {
  void [url, name, failed]
  return Promise.reject(new Error('这个平台不能下载文件'))
}
