/** H5: the browser downloads the poster under its Chinese name (poster-actions.ts is the mini-program's). */
export interface PosterAction {
  label: string
  run(url: string, name: string): Promise<string>
}

export const POSTER_ACTIONS: readonly PosterAction[] = [
  {
    label: '下载海报图片',
    async run(url, name) {
      const res = await fetch(url)
      if (!res.ok) throw new Error('海报下载失败，请稍后再试')
      const href = URL.createObjectURL(await res.blob())
      const a = document.createElement('a')
      a.href = href
      a.download = name
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(href), 10_000)
      return `已下载「${name}」`
    },
  },
]
