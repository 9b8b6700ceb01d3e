import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')
const core = path.join(root, 'core')

// https://docs.taro.zone/docs/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wenming-shijian',
    date: '2025-11-21',
    // Text and targets are written in px and must stay px (accessibility.md "Units"): pxtransform is off on
    // both targets, so these two only matter for Taro.pxTransform, which we do not use.
    designWidth: 375,
    deviceRatio: { 375: 1, 640: 1, 750: 1, 828: 1 },
    sourceRoot: 'src',
    // Never the same folder: the h5 build wipes its output (platform-facts "Taro specifics").
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [path.join(__dirname, 'plugins', 'weapp-aria.ts')],
    alias: {
      '@': path.join(root, 'src'),
      '@core': core,
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // core/ lives outside src: have Taro's babel rule compile it too.
      compile: { include: [core] },
      postcss: {
        pxtransform: { enable: false },
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
        // Off: with it on, Taro converts px to rem and sizes the root font from the viewport width, so
        // text would ignore the reader's own font setting (accessibility.md "Taro H5 pitfalls").
        pxtransform: { enable: false },
        cssModules: { enable: false },
      },
    },
  }

  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
