/** H5: the browser downloads the PDF under its Chinese name. */
export async function openPdf(url: string, name: string): Promise<void> {
  const res = await fetch(url)
  if (!res.ok) throw new Error('证明文件下载失败，请稍后再试')
  const href = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
