/**
 * Opens a certificate PDF from its temporary link. Taro picks open-pdf.weapp.ts (downloadFile +
 * openDocument) or open-pdf.h5.ts (a browser download) by target; this file serves type checking.
 */
export function openPdf(url: string, name: string): Promise<void> {
  void url
  void name
  return Promise.reject(new Error('这个平台不能打开文件'))
}
