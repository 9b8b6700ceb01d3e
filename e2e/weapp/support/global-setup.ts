import { existsSync } from 'node:fs'
import path from 'node:path'
import { buildFunctions } from '../../../scripts/build-functions'

const DIST_DIR = path.resolve(process.env.WEAPP_DIST_DIR ?? path.join(__dirname, '..', '..', '..', 'dist'))

/** The local cloud runs the built function bundles; the app comes from a prior `npm run build:weapp`. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(path.join(DIST_DIR, 'app.js'))) {
    throw new Error(
      `No weapp build in ${DIST_DIR}: run \`npm run build:weapp\` first (npm run test:weapp does).`,
    )
  }
  await buildFunctions({ quiet: true })
}
