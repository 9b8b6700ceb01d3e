import type { FontSettings } from './store'

const BROWSER_DEFAULT_FONT_PX = 16

/** The browser's default font size, which a reader raises in its settings, against the usual 16 px. */
export function readFontSettings(): FontSettings {
  const rootPx = Number.parseFloat(window.getComputedStyle(document.documentElement).fontSize)
  return Number.isFinite(rootPx) ? { fontSizeScaleFactor: rootPx / BROWSER_DEFAULT_FONT_PX } : {}
}
