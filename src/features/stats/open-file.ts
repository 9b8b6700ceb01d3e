/**
 * Opens an exported Excel file from its temporary link. Taro picks open-file.weapp.ts (downloadFile +
 * openDocument) or open-file.h5.ts (a browser download) by target; this file serves type checking.
 */
export function openExcel(url: string, name: string): Promise<void> {
  void url
  void name
  return Promise.reject(new Error('这个平台不能打开文件'))
}
