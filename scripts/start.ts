/**
 * `npm start`: builds the cloud functions and the H5 app, then serves both from the local cloud at one
 * URL with the demo county seeded on first start. Ctrl+C stops everything.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { startLocalCloud } from '../local-cloud/src'
import { appPages } from './app-pages'
import { buildFunctions, ROOT } from './build-functions'
import { seedDemo } from './seed'

function parsePort(value: string | undefined): number {
  const port = Number(value ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a number between 0 and 65535, got "${value}"`)
    process.exit(2)
  }
  return port
}

async function main(): Promise<void> {
  const port = parsePort(process.env.PORT)
  await buildFunctions()
  // Certificates and posters draw Chinese with Noto Sans CJK (server/cjk-font.ts): install it when missing.
  // Without it everything else runs and those two actions answer FONT_MISSING with what to do.
  const font = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-cjk-font.sh')], { stdio: 'inherit' })
  if (font.status !== 0) console.warn('CJK font not installed: certificates and posters are unavailable')
  if (process.env.SKIP_H5_BUILD !== '1') {
    console.log('building the H5 app (taro build --type h5)…')
    const taro = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit' })
    if (taro.status !== 0) process.exit(taro.status ?? 1)
  }
  const cloud = await startLocalCloud({
    port,
    host: '127.0.0.1',
    dataDir: path.join(ROOT, '.local-cloud-data'),
    staticDir: path.join(ROOT, 'dist-h5'),
    timers: true,
    pages: appPages(),
    seed: (c) => seedDemo(c),
  })
  console.log(`\n文明实践 is running at ${cloud.url}/`)
  console.log(`  local cloud dev page: ${cloud.url}/__dev`)
  console.log('  press Ctrl+C to stop\n')
  const stop = () => {
    cloud.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
