import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')
const core = path.join(root, 'core')

/**
 * Text and targets are written in px and stay px (accessibility.md "Units": rpx follows the screen width,
 * not the reader's font setting). pxtransform stays on only for its `platform` method, which keeps or drops
 * the `#ifdef h5` … `#endif` comment blocks in our CSS; its `size` method (px → rpx/rem) is off. On H5 the
 * root font-size script it would inject is left out of src/index.html, so rem follows the browser.
 */
const PLATFORM_BLOCKS_ONLY = { enable: true, config: { methods: ['platform'] } }

/**
 * The mini-program ships ES5 (babel.config.js, docs/deploy.md "ES level"). Taro's script rule compiles src/ and
 * @tarojs/* only; these dependencies ship ES2015+ syntax (zustand's ESM build: `let`, arrows, `??`) and are
 * compiled with the app on weapp. `npm run verify:weapp` names any other file of dist/ that is not ES5.
 */
const MODERN_DEPENDENCIES = ['zustand'].map((name) => path.join(root, 'node_modules', name))

// https://docs.taro.zone/docs/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wenming-shijian',
    date: '2025-11-21',
    // Only Taro.pxTransform reads these (unused): see PLATFORM_BLOCKS_ONLY.
    designWidth: 375,
    deviceRatio: { 375: 1, 640: 1, 750: 1, 828: 1 },
    // base.wxml repeats the element templates once per nesting level (about 3.5 KB a level on weapp, which
    // has no recursive templates); deeper nodes render through the `comp` custom component, a little slower
    // but the same. 11 instead of Taro's 16 keeps the main package under its 400 KB goal (issue 9); each
    // level dropped saves about 3.4 KB of base.wxml.
    baseLevel: 11,
    sourceRoot: 'src',
    // Never the same folder: the h5 build wipes its output (platform-facts "Taro specifics").
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [path.join(__dirname, 'plugins', 'weapp-aria.ts')],
    alias: {
      '@': path.join(root, 'src'),
      '@core': core,
    },
    defineConstants: {},
    // Inlined at build time (a mini-program has no `process`); empty → the default cloud environment.
    env: { TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? '') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // core/ lives outside src: have Taro's babel rule compile it too.
      compile: { include: [core, ...MODERN_DEPENDENCIES] },
      postcss: {
        pxtransform: PLATFORM_BLOCKS_ONLY,
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // The local cloud's QR codes encode `<base>/#/pages/scan/index?scene=…`.
      router: { mode: 'hash' },
      compile: { include: [core] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: PLATFORM_BLOCKS_ONLY,
        cssModules: { enable: false },
      },
    },
  }

  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
