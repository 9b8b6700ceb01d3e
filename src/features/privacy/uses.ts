/**
 * What the mini-program does with each kind of personal information WeChat's privacy rules cover, in the words
 * of WeChat's 用户隐私保护指引 (公众平台 → 设置 → 服务内容声明). One list feeds the consent card
 * (PrivacyConsent), docs/deploy.md's privacy step, and `npm run verify:weapp`, which fails when the app calls a
 * privacy API whose kind is missing here, from docs/deploy.md, or from app.json where WeChat requires it.
 */
export interface PrivacyUse {
  /** the item's name in the privacy guide form, exactly as WeChat lists it */
  info: string
  /** the wx APIs we call that collect it */
  apis: readonly string[]
  /** why, as the reader sees it in the consent card and in the guide ("为了…") */
  purpose: string
}

export const PRIVACY_USES: readonly PrivacyUse[] = [
  {
    info: '位置信息',
    apis: ['getLocation'],
    purpose: '查找离您最近的新时代文明实践站，以及志愿者签到时确认您在站点附近',
  },
  {
    info: '选择的位置信息',
    apis: ['chooseLocation'],
    purpose: '专管员新建或修改站点时在地图上选择站点位置',
  },
  {
    info: '选中的照片或视频信息',
    apis: ['chooseMedia'],
    purpose: '专管员为发布的活动选择封面图片',
  },
  {
    info: '相册（仅写入）权限',
    apis: ['saveImageToPhotosAlbum'],
    purpose: '专管员把站点二维码卡片、活动海报保存到相册，以便张贴',
  },
]

/** The use behind one API (WeChat names it as `referrer` when it asks for consent). */
export function privacyUseOf(api: string | undefined): PrivacyUse | undefined {
  return api === undefined ? undefined : PRIVACY_USES.find((use) => use.apis.includes(api))
}

/** The consent card's text: the use that asked first, or every use when WeChat did not say. */
export function consentText(api: string | undefined): string {
  const use = privacyUseOf(api)
  if (use) return `为了${use.purpose}，需要使用您的${use.info}。请先阅读并同意《隐私保护指引》。`
  const all = PRIVACY_USES.map((u) => u.info).join('、')
  return `本小程序会在您使用相关功能时用到：${all}。请先阅读并同意《隐私保护指引》。`
}
