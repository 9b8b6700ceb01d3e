/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro for the build: what the bundle runs in. Always written in full (`process.env.TARO_ENV`). */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** AppID of the mini-program (overrides project.config.json when set). */
    TARO_APP_ID?: string
    /** WeChat cloud environment id for cloud.init; empty → the environment the mini-program runs in. */
    TARO_APP_CLOUD_ENV?: string
  }
}
