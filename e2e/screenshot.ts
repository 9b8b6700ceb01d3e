/**
 * docs/screenshot-home.png for the README: the home page of the H5 build against the seeded local cloud,
 * at phone size, as a resident standing in the demo county town. `npx tsx e2e/screenshot.ts` after build:h5.
 */
import path from 'node:path'
import { DEMO_CENTER_COORDS } from '../scripts/seed'
import { PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'

const OUT = path.resolve(__dirname, '..', 'docs', 'screenshot-home.png')

async function main(): Promise<void> {
  const [cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
  try {
    const phone = await newPhone(browser, { geolocation: DEMO_CENTER_COORDS, viewport: PHONE })
    const page = await phone.newPage()
    await page.goto(appUrl(cloud, 'pages/index/index'))
    await page.getByRole('list', { name: '附近的实践站' }).waitFor()
    await page.screenshot({ path: OUT })
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`)
  } finally {
    await browser.close()
    await cloud.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
