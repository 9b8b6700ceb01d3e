import { existsSync } from 'node:fs'
import path from 'node:path'
import { buildFunctions } from '../../scripts/build-functions'
import { CHROMIUM_PATH } from './browser'
import { H5_DIR } from './cloud'

/** The local cloud runs the built function bundles; the pages come from a prior `npm run build:h5`. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`No H5 build in ${H5_DIR}: run \`npm run build:h5\` first (npm run e2e does it for you).`)
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: run scripts/install-browser.sh (Debian's chromium package).`,
    )
  }
  await buildFunctions({ quiet: true })
}
