/**
 * A stand-in for the `wx` object of WeChat's logic layer. Taro exposes only the APIs that are own keys of
 * `wx` (processApis), so every API the app uses is listed here; each call is recorded with whether it
 * happened inside a tap. The platform rules the app must respect are enforced as WeChat does:
 * - wx.requestSubscribeMessage fails outside a tap handler (platform-facts "Subscribe messages");
 * - a privacy API (getLocation) is held while consent is pending: WeChat calls the
 *   onNeedPrivacyAuthorization listener and waits; `agree` resumes the call only when it names the id of an
 *   open-type="agreePrivacyAuthorization" button the reader tapped, `disagree` fails it;
 * - getLocation answers as the scenario says (granted with a place, refused, unavailable).
 */

export interface WxCall {
  api: string
  /** the options object, without callbacks */
  args: unknown
  insideTap: boolean
}

export type LocationScenario = { latitude: number; longitude: number } | 'denied' | 'unavailable'

export interface WxScenario {
  /** wx.getAppBaseInfo(): iOS standard 17 px, care mode ≈ 23.8 px */
  fontSizeSetting: number
  fontSizeScaleFactor?: number
  location: LocationScenario
  /** 'agreed': consent given before; 'ask': the first privacy API call waits for it */
  privacy: 'agreed' | 'ask'
  /** per template: what the reader answers to wx.requestSubscribeMessage */
  subscribeAnswer: 'accept' | 'reject'
  /** what wx.scanCode reads */
  scanPath?: string
}

export interface WxHost {
  /** wx.cloud.callFunction's transport: the function's return value */
  callFunction(name: string, data: unknown): Promise<unknown>
  navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab', url: string): Promise<void>
  navigateBack(delta: number): Promise<void>
  insideTap(): boolean
  /** a value handed to the app (JSON, in the app's realm) */
  toApp<T>(value: T): T
}

type Callbacks = {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}
type Options = Callbacks & Record<string, unknown>
type PrivacyResolve = (option: { event: string; buttonId?: string }) => void

const PRIVACY_APIS = new Set(['getLocation', 'chooseLocation', 'chooseMedia', 'saveImageToPhotosAlbum'])

export class WxStub {
  readonly calls: WxCall[] = []
  readonly storage = new Map<string, unknown>()
  private privacyListener: ((resolve: PrivacyResolve) => void) | null = null
  private privacyAgreed: boolean
  private readonly agreeButtonsTapped = new Set<string>()
  private readonly held: { api: string; run: () => void; fail: (errMsg: string) => void }[] = []
  readonly api: Record<string, unknown>

  constructor(
    readonly scenario: WxScenario,
    private readonly host: WxHost,
  ) {
    this.privacyAgreed = scenario.privacy === 'agreed'
    this.api = this.build()
  }

  callsTo(api: string): WxCall[] {
    return this.calls.filter((call) => call.api === api)
  }

  /** What WeChat's agreePrivacyAuthorization button reports when tapped (the render layer tells us). */
  agreeButtonTapped(id: string): void {
    this.agreeButtonsTapped.add(id)
  }

  /** privacy APIs waiting for consent */
  heldCalls(): string[] {
    return this.held.map((h) => h.api)
  }

  private record(api: string, options: unknown): WxCall {
    const args =
      typeof options === 'object' && options !== null && !Array.isArray(options)
        ? Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v !== 'function'))
        : options
    const call = {
      api,
      args: JSON.parse(JSON.stringify(args ?? null)) as unknown,
      insideTap: this.host.insideTap(),
    }
    this.calls.push(call)
    return call
  }

  /** An asynchronous API: callbacks called later (never inside the call), like WeChat. */
  private async(api: string, answer: (options: Options, call: WxCall) => Promise<unknown> | unknown) {
    return (options: Options = {}) => {
      const call = this.record(api, options)
      const settle = (ok: boolean, res: unknown) => {
        const value = this.host.toApp(res)
        if (ok) options.success?.(value)
        else options.fail?.(value)
        options.complete?.(value)
      }
      const run = () =>
        Promise.resolve()
          .then(() => answer(options, call))
          .then(
            (res) => settle(true, { errMsg: `${api}:ok`, ...(res as object) }),
            (err: unknown) => settle(false, toFailure(api, err)),
          )
      if (PRIVACY_APIS.has(api) && !this.privacyAgreed) this.holdForPrivacy(api, run, settle)
      else void run()
    }
  }

  private holdForPrivacy(api: string, run: () => void, settle: (ok: boolean, res: unknown) => void): void {
    const listener = this.privacyListener
    if (!listener) {
      settle(false, { errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 })
      return
    }
    this.held.push({ api, run, fail: (errMsg) => settle(false, { errMsg, errno: 104 }) })
    queueMicrotask(() =>
      listener((option) => {
        if (option.event === 'exposureAuthorization') return
        const waiting = this.held.splice(0)
        if (option.event === 'agree' && option.buttonId && this.agreeButtonsTapped.has(option.buttonId)) {
          this.privacyAgreed = true
          waiting.forEach((h) => h.run())
        } else {
          waiting.forEach((h) => h.fail(`${h.api}:fail privacy permission is not authorized`))
        }
      }),
    )
  }

  private sync<T>(api: string, answer: (...args: unknown[]) => T) {
    return (...args: unknown[]) => {
      this.record(api, args.length === 1 ? args[0] : args)
      return this.host.toApp(answer(...args))
    }
  }

  private build(): Record<string, unknown> {
    const scenario = this.scenario
    const host = this.host
    const ok = () => ({})
    const navigation = (kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab') =>
      this.async(kind, async (o) => {
        await host.navigate(kind, String(o.url))
      })
    const cloudCall = (options: Options) => {
      this.record('cloud.callFunction', options)
      const answer = host
        .callFunction(String(options.name), options.data)
        .then((result) => host.toApp({ result, errMsg: 'cloud.callFunction:ok', requestID: 'local' }))
      if (!options.success && !options.fail && !options.complete) return answer
      answer.then(
        (res) => {
          options.success?.(res)
          options.complete?.(res)
        },
        (err: unknown) => {
          const failure = host.toApp(toFailure('cloud.callFunction', err))
          options.fail?.(failure)
          options.complete?.(failure)
        },
      )
      return undefined
    }
    return {
      cloud: {
        init: (options: unknown) => this.record('cloud.init', options),
        callFunction: cloudCall,
        uploadFile: this.async('cloud.uploadFile', () => {
          throw new Error('cloud.uploadFile is not served by this harness')
        }),
      },
      getAppBaseInfo: this.sync('getAppBaseInfo', () => ({
        SDKVersion: '3.7.0',
        language: 'zh_CN',
        theme: 'light',
        fontSizeSetting: scenario.fontSizeSetting,
        ...(scenario.fontSizeScaleFactor === undefined
          ? {}
          : { fontSizeScaleFactor: scenario.fontSizeScaleFactor }),
      })),
      getSystemInfoSync: this.sync('getSystemInfoSync', () => ({
        platform: 'devtools',
        windowWidth: 375,
        windowHeight: 812,
        pixelRatio: 2,
        SDKVersion: '3.7.0',
      })),
      getWindowInfo: this.sync('getWindowInfo', () => ({
        windowWidth: 375,
        windowHeight: 812,
        pixelRatio: 2,
      })),
      canIUse: this.sync('canIUse', () => true),
      getStorageSync: this.sync('getStorageSync', (key) => this.storage.get(String(key)) ?? ''),
      setStorageSync: this.sync('setStorageSync', (key, value) => {
        this.storage.set(String(key), value)
      }),
      removeStorageSync: this.sync('removeStorageSync', (key) => {
        this.storage.delete(String(key))
      }),
      onNeedPrivacyAuthorization: (listener: (resolve: PrivacyResolve) => void) => {
        this.record('onNeedPrivacyAuthorization', null)
        this.privacyListener = listener
      },
      openPrivacyContract: this.async('openPrivacyContract', ok),
      getLocation: this.async('getLocation', () => {
        const place = scenario.location
        if (place === 'denied') throw { errMsg: 'getLocation:fail auth deny' }
        if (place === 'unavailable') throw { errMsg: 'getLocation:fail system permission denied' }
        return { latitude: place.latitude, longitude: place.longitude, accuracy: 30 }
      }),
      openSetting: this.async('openSetting', () => ({
        authSetting: { 'scope.userLocation': scenario.location !== 'denied' },
      })),
      getSetting: this.async('getSetting', () => ({
        authSetting: { 'scope.userLocation': scenario.location !== 'denied' },
      })),
      requestSubscribeMessage: this.async('requestSubscribeMessage', (o, call) => {
        if (!call.insideTap) {
          throw {
            errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
            errCode: 10004,
          }
        }
        const ids = (o.tmplIds as string[] | undefined) ?? []
        return Object.fromEntries(ids.map((id) => [id, scenario.subscribeAnswer]))
      }),
      scanCode: this.async('scanCode', () => {
        if (!scenario.scanPath) throw { errMsg: 'scanCode:fail cancel' }
        return { scanType: 'WX_CODE', result: '', path: scenario.scanPath, charSet: 'utf-8' }
      }),
      navigateTo: navigation('navigateTo'),
      redirectTo: navigation('redirectTo'),
      reLaunch: navigation('reLaunch'),
      switchTab: navigation('switchTab'),
      navigateBack: this.async('navigateBack', async (o) => {
        await host.navigateBack(typeof o.delta === 'number' ? o.delta : 1)
      }),
      setNavigationBarTitle: this.async('setNavigationBarTitle', ok),
      makePhoneCall: this.async('makePhoneCall', ok),
      setKeepScreenOn: this.async('setKeepScreenOn', ok),
      showToast: this.async('showToast', ok),
      hideToast: this.async('hideToast', ok),
      showLoading: this.async('showLoading', ok),
      hideLoading: this.async('hideLoading', ok),
      showModal: this.async('showModal', () => ({ confirm: true, cancel: false })),
      createInnerAudioContext: () => {
        this.record('createInnerAudioContext', null)
        const noop = () => undefined
        return {
          src: '',
          play: noop,
          stop: noop,
          pause: noop,
          destroy: noop,
          onEnded: noop,
          onError: noop,
          offEnded: noop,
          offError: noop,
        }
      },
    }
  }
}

function toFailure(api: string, err: unknown): Record<string, unknown> {
  if (typeof err === 'object' && err !== null && 'errMsg' in err) return err as Record<string, unknown>
  return { errMsg: `${api}:fail ${err instanceof Error ? err.message : String(err)}` }
}
