// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
//
// ES level (docs/deploy.md "ES level"): project.config.json has `es6: false, enhance: false`, so WeChat neither
// transpiles the mini-program nor accepts newer syntax at upload, and old iOS JavaScriptCore cannot run it. The
// weapp build therefore targets package.json `browserslist.weapp` (iOS >= 9, Android >= 5: ES5 out, as Taro's
// own default), the H5 build the modern `browserslist.defaults`. `npm run verify:weapp` checks dist/ is ES5.
module.exports = {
  browserslistEnv: process.env.TARO_ENV === 'weapp' ? 'weapp' : 'defaults',
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
