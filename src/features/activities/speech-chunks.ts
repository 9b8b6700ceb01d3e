/**
 * Splits read-aloud text for engines with a length limit (WechatSI: about 1000 bytes per call), keeping
 * sentences whole where possible.
 */
export function chunks(text: string, max = 300): string[] {
  const out: string[] = []
  let current = ''
  // Each sentence with its end mark; no lookbehind (`(?<=…)`): iOS before 16.4 cannot parse it (ES5 weapp).
  for (const sentence of text.match(/[^。！？]*[。！？]|[^。！？]+/g) ?? []) {
    if ((current + sentence).length > max && current) {
      out.push(current)
      current = ''
    }
    current += sentence
    while (current.length > max) {
      out.push(current.slice(0, max))
      current = current.slice(max)
    }
  }
  if (current) out.push(current)
  return out
}
