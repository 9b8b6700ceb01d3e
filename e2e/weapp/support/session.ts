/** One weapp launch per test, closed after it; the scenario says what the phone and the reader answer. */
import type { LocalCloud } from '../../../local-cloud/src'
import { callAs } from './cloud'
import { WeappApp, type BootOptions } from './weapp'

const open: WeappApp[] = []

afterEach(() => {
  while (open.length > 0) open.pop()!.close()
})

export function launchWeapp(
  cloud: LocalCloud,
  openid: string,
  options: Omit<BootOptions, 'cloud'> = {},
): WeappApp {
  const app = new WeappApp({ ...options, cloud: callAs(cloud, openid) })
  open.push(app)
  return app
}

/** A fresh reader: the cloud creates the user on the first call; everyone is a resident. */
let readers = 0
export function newReader(): string {
  readers += 1
  return `weapp-reader-${process.pid}-${readers}`
}
