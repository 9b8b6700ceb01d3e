import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core'

/** Debian's Chromium; never a browser downloaded by a test tool. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const PHONE = { width: 375, height: 812 } as const
export const SMALL_PHONE = { width: 320, height: 640 } as const

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface PhoneOptions {
  viewport?: { width: number; height: number }
  /** where the phone is; omitted → location permission refused */
  geolocation?: { latitude: number; longitude: number }
}

/** A fresh phone-like browser context (own storage), Chinese locale, Shanghai clock. */
export function newPhone(browser: Browser, options: PhoneOptions = {}): Promise<BrowserContext> {
  const context: BrowserContextOptions = {
    viewport: options.viewport ?? PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(options.geolocation
      ? { geolocation: options.geolocation, permissions: ['geolocation'] }
      : { permissions: [] }),
  }
  return browser.newContext(context)
}
