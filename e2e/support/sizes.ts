import type { Page } from 'playwright-core'

export interface SizeLimits {
  minFontPx: number
  minLineRatio: number
  minTargetPx: number
}

/** accessibility.md, elder mode: text ≥ 18 px, line height ≥ 1.3 × size, tap targets ≥ 60 × 60, no sideways scroll. */
export const ELDER_LIMITS: SizeLimits = { minFontPx: 18, minLineRatio: 1.3, minTargetPx: 60 }
/** Outside elder mode: targets ≥ 44 × 44 (accessibility.md); our smallest text is 14 px. */
export const STANDARD_LIMITS: SizeLimits = { minFontPx: 14, minLineRatio: 1.3, minTargetPx: 44 }

export interface SizeMeasurements {
  texts: Array<{ text: string; fontPx: number; lineRatio: number }>
  targets: Array<{ what: string; width: number; height: number }>
  scrollWidth: number
  innerWidth: number
}

/** Measures every visible text and tappable element of the whole page (not only the viewport) as rendered. */
export async function measureSizes(page: Page): Promise<SizeMeasurements> {
  // esbuild (tsx) wraps named functions in __name(); give the page a no-op one so the function serialises
  await page.evaluate('window.__name = window.__name || ((fn) => fn)')
  return page.evaluate(() => {
    const visible = (el: Element): boolean => {
      const style = window.getComputedStyle(el)
      const box = el.getBoundingClientRect()
      return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0
    }
    const lineRatio = (style: CSSStyleDeclaration): number => {
      const fontPx = Number.parseFloat(style.fontSize)
      // 'normal' is about 1.2 in most fonts: too tight, so it must never be left to the default
      const linePx = style.lineHeight === 'normal' ? fontPx * 1.2 : Number.parseFloat(style.lineHeight)
      return linePx / fontPx
    }
    const texts: Array<{ text: string; fontPx: number; lineRatio: number }> = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim()
      const parent = node.parentElement
      if (!text || !parent || !visible(parent) || parent.closest('script, style, option')) continue
      const style = window.getComputedStyle(parent)
      texts.push({
        text: text.slice(0, 40),
        fontPx: Number.parseFloat(style.fontSize),
        lineRatio: lineRatio(style),
      })
    }
    for (const field of Array.from(document.querySelectorAll('select, input, textarea'))) {
      if (!visible(field)) continue
      const style = window.getComputedStyle(field)
      texts.push({
        text: `<${field.tagName.toLowerCase()}>`,
        fontPx: Number.parseFloat(style.fontSize),
        lineRatio: 1.3,
      })
    }
    const targets = Array.from(
      document.querySelectorAll(
        '[role=button], [role=switch], [role=link], button, a, input, select, textarea',
      ),
    )
      .filter(visible)
      .map((el) => {
        const box = el.getBoundingClientRect()
        const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 30)
        return { what: `<${el.tagName.toLowerCase()}> ${name}`, width: box.width, height: box.height }
      })
    return {
      texts,
      targets,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }
  })
}

/** What falls short, one line each; empty when the page meets every limit. */
export function sizeProblems(m: SizeMeasurements, limits: SizeLimits = ELDER_LIMITS): string[] {
  const problems: string[] = []
  if (m.texts.length === 0) problems.push('no visible text measured')
  for (const t of m.texts) {
    if (t.fontPx < limits.minFontPx) problems.push(`text ${t.fontPx}px < ${limits.minFontPx}px: "${t.text}"`)
    if (t.lineRatio < limits.minLineRatio - 1e-6) {
      problems.push(`line height ${t.lineRatio.toFixed(2)} × size < ${limits.minLineRatio}: "${t.text}"`)
    }
  }
  for (const t of m.targets) {
    // sub-pixel layout may round a 60 px box to 59.99
    if (t.width < limits.minTargetPx - 0.5 || t.height < limits.minTargetPx - 0.5) {
      problems.push(
        `target ${Math.round(t.width)}×${Math.round(t.height)} < ${limits.minTargetPx}: ${t.what}`,
      )
    }
  }
  if (m.scrollWidth > m.innerWidth)
    problems.push(`scrolls sideways: scrollWidth ${m.scrollWidth} > ${m.innerWidth}`)
  return problems
}
