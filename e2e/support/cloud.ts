import path from 'node:path'
import { appPages } from '../../scripts/app-pages'
import { startLocalCloud, type LocalCloud } from '../../local-cloud/src'
import { seedDemo } from '../../scripts/seed'

export const H5_DIR = path.resolve(__dirname, '..', '..', 'dist-h5')

/** The local cloud on a free port with the demo county seeded, serving the H5 build at `/`. */
export function startDemoCloud(): Promise<LocalCloud> {
  return startLocalCloud({
    port: 0,
    staticDir: H5_DIR,
    quiet: true,
    pages: appPages(),
    seed: (cloud) => seedDemo(cloud),
  })
}

/** A page of the H5 app (hash router), optionally as a demo identity (`?as=`). */
export function appUrl(cloud: LocalCloud, route: string, as?: string): string {
  return `${cloud.url}/${as ? `?as=${encodeURIComponent(as)}` : ''}#/${route.replace(/^\//, '')}`
}
