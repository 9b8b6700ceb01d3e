/**
 * Bundles each cloudfunctions/<fn>/src/index.ts into cloudfunctions/<fn>/index.js with esbuild: shared
 * code (core/) inlined, wx-server-sdk left external (installed by the platform from the function's own
 * package.json). A `require` across function folders would break once deployed (architecture.md).
 */
import { build } from 'esbuild'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions')

export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(FUNCTIONS_DIR, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort()
}

export async function buildFunctions(options: { quiet?: boolean } = {}): Promise<string[]> {
  const names = functionNames()
  await Promise.all(
    names.map((name) =>
      build({
        entryPoints: [path.join(FUNCTIONS_DIR, name, 'src', 'index.ts')],
        outfile: path.join(FUNCTIONS_DIR, name, 'index.js'),
        bundle: true,
        platform: 'node',
        // WeChat cloud functions offer Node 16 and later runtimes.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        sourcemap: 'linked',
        logLevel: options.quiet ? 'error' : 'warning',
        legalComments: 'none',
      }),
    ),
  )
  if (!options.quiet) console.log(`built ${names.length} cloud functions: ${names.join(', ')}`)
  return names
}

if (require.main === module) {
  buildFunctions().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
