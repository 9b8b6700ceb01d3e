/** H5: the browser downloads the file under its Chinese name (open-document.ts says why there are three files). */
import type { DocumentType } from './open-document'

export type { DocumentType }

export async function downloadAs(url: string, name: string, failed: string): Promise<void> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(failed)
  const href = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

export function openDocument(
  url: string,
  name: string,
  fileType: DocumentType,
  failed: string,
): Promise<void> {
  void fileType
  return downloadAs(url, name, failed)
}
