import { buildFunctions } from './build-functions'

/** Function tests run the built bundles (cloudfunctions/<fn>/index.js), as the platform would. */
export default async function globalSetup(): Promise<void> {
  await buildFunctions({ quiet: true })
}
