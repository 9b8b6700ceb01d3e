/**
 * Bundles each cloudfunctions/<fn>/src/index.ts into cloudfunctions/<fn>/index.js with esbuild: shared
 * code (core/) inlined, wx-server-sdk left external (installed by the platform from the function's own
 * package.json). A `require` across function folders would break once deployed (architecture.md).
 *
 * Size and cold start (issue 9, `npx tsx bench/function-load.ts`): the bundle is minified, and zod's locale
 * barrel is cut down to the one locale the contract configures (core/contract/define.ts: `z.config(zhCN())`).
 * zod re-exports every locale as `z.locales`, and `z` is used as a whole namespace, so without this each
 * bundle carried all ~50 locales (~370 KB of ~800 KB). The source map is linked (index.js.map beside it,
 * uploaded with the function, mappings only): a minified position in the console's logs maps back to the
 * TypeScript line (docs/deploy.md "Reading a stack trace"). `keepNames` would keep function names readable
 * without the map but costs about 7 % more module load, so it is off.
 */
import { build, type Plugin } from 'esbuild'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions')

/** The locales a bundle keeps: what core/contract/define.ts passes to z.config (zod's default `en` is separate). */
export const ZOD_LOCALES = { zhCN: 'zh-CN' } as const

/** Replaces zod's `locales/index.js` (every locale) with one exporting only ZOD_LOCALES. */
export const zodLocalesPlugin: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: Object.entries(ZOD_LOCALES)
        .map(([name, file]) => `export { default as ${name} } from './${file}.js'`)
        .join('\n'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }))
  },
}

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
        // The runtime chosen in the console must be Node 16.13 or later (docs/deploy.md); verify:weapp checks
        // each bundle parses at that level and touches no newer global.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        minify: true,
        sourcemap: 'linked',
        sourcesContent: false,
        plugins: [zodLocalesPlugin],
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
