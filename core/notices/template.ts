/**
 * The practice-day notice as a WeChat subscribe message: which of our values go into which template
 * keyword, and each value fitted to WeChat's limits for its keyword type (platform-facts "Subscribe
 * messages": thing ≤ 20 chars, phrase ≤ 5 Chinese chars, name ≤ 10, character_string ≤ 32 ASCII, …).
 * A value WeChat would refuse is answered 47003 and would stop the whole fan-out, so it is fitted here.
 */
import { shanghai } from '../time'

/** Keyword types of subscribe-message templates (the key's letters: thing1 → thing). */
export const KEYWORD_TYPES = [
  'thing',
  'time',
  'date',
  'phrase',
  'name',
  'number',
  'character_string',
  'phone_number',
  'letter',
] as const
export type KeywordType = (typeof KEYWORD_TYPES)[number]

/** What we can put in a field. */
export const NOTICE_SOURCES = [
  'theme',
  'time',
  'place',
  'note',
  'title',
  'center',
  'station',
  'phone',
] as const
export type NoticeSource = (typeof NOTICE_SOURCES)[number]

export const NOTICE_SOURCE_LABELS: Record<NoticeSource, string> = {
  theme: '活动主题',
  time: '时间',
  place: '地点',
  note: '备注',
  title: '活动名称',
  center: '实践中心',
  station: '实践站',
  phone: '联系电话',
}

export interface TemplateField {
  /** the template's keyword, e.g. thing1 */
  key: string
  source: NoticeSource
}

export type TemplateKind = 'oneTime' | 'longTerm'

/** The notice template: configuration kept in the center's notice_settings document. */
export interface NoticeTemplate {
  /** the template id from the WeChat console (订阅消息 → 我的模板) */
  id: string
  /** one-time (一次性订阅, one message per accept) or long-term (长期订阅, eligible accounts only) */
  kind: TemplateKind
  /** the mini-program page the notice opens, without a leading slash */
  page: string
  fields: TemplateField[]
}

/**
 * The documented default: a 活动提醒-style template with thing1 活动主题, time2 时间, thing3 地点,
 * thing4 备注. The id is a placeholder the local cloud accepts; an operator replaces it with the id of
 * the template they picked in the WeChat console (docs/notices.md).
 */
export const DEFAULT_NOTICE_TEMPLATE: NoticeTemplate = {
  id: 'PRACTICE_DAY_NOTICE_TEMPLATE',
  kind: 'oneTime',
  page: 'pages/index/index',
  fields: [
    { key: 'thing1', source: 'theme' },
    { key: 'time2', source: 'time' },
    { key: 'thing3', source: 'place' },
    { key: 'thing4', source: 'note' },
  ],
}

const KEY = /^([a-z_]+?)(\d{1,2})$/

export function keywordTypeOf(key: string): KeywordType | undefined {
  const m = KEY.exec(key)
  return m && (KEYWORD_TYPES as readonly string[]).includes(m[1]!) ? (m[1] as KeywordType) : undefined
}

/** Sources that can fill a keyword type (a theme cannot become a time). */
const FITS: Record<KeywordType, readonly NoticeSource[]> = {
  thing: NOTICE_SOURCES,
  time: ['time'],
  date: ['time'],
  phrase: ['theme', 'title', 'note'],
  name: ['center', 'station'],
  number: [],
  character_string: [],
  phone_number: ['phone'],
  letter: [],
}

/** Problems with a field mapping, in Chinese, keyed by field index; empty when it can be sent. */
export function checkTemplateFields(fields: readonly TemplateField[]): Record<string, string> {
  const problems: Record<string, string> = {}
  const seen = new Set<string>()
  fields.forEach((f, i) => {
    const type = keywordTypeOf(f.key)
    if (!type) problems[`fields.${i}.key`] = `「${f.key}」不是订阅消息模板的关键词（如 thing1、time2）`
    else if (!FITS[type].includes(f.source)) {
      problems[`fields.${i}.source`] =
        `「${NOTICE_SOURCE_LABELS[f.source]}」不能填入 ${type} 类型的「${f.key}」`
    }
    if (seen.has(f.key)) problems[`fields.${i}.key`] = `「${f.key}」重复了`
    seen.add(f.key)
  })
  return problems
}

/** The values one notice carries; `time` is a span, formatted per keyword type. */
export interface NoticeValues {
  theme: string
  time: { start: Date; end?: Date }
  place: string
  note: string
  title: string
  center: string
  station: string
  phone: string
}

/** Thrown when a value cannot be made valid (a bug or a bad mapping, never the subscriber's fault). */
export class NoticeDataError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message)
    this.name = 'NoticeDataError'
  }
}

const chars = (s: string): string[] => [...s]

/** Newlines, tabs and control characters out; runs of spaces collapsed. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g
  return s.replace(controls, ' ').replace(/\s+/g, ' ').trim()
}

/** At most `max` characters (code points, as WeChat counts them); a cut is marked with '…'. */
export function truncate(s: string, max: number): string {
  const cs = chars(s)
  return cs.length <= max ? s : `${cs.slice(0, max - 1).join('')}…`
}

const HAN = /\p{Script=Han}/u

/** "2025年11月15日 09:00~11:00": WeChat's `time` (24-hour, may include a date, a range joined by ~). */
export function formatNoticeTime(span: NoticeValues['time']): string {
  const start = shanghai(span.start)
  const head = `${start.format('YYYY年M月D日')} ${start.format('HH:mm')}`
  if (!span.end) return head
  const end = shanghai(span.end)
  if (end.format('YYYY-MM-DD') === start.format('YYYY-MM-DD')) return `${head}~${end.format('HH:mm')}`
  return `${head}~${end.format('YYYY年M月D日')} ${end.format('HH:mm')}`
}

function formatNoticeDate(span: NoticeValues['time']): string {
  return shanghai(span.start).format('YYYY年M月D日')
}

/** "11月15日 09:00-11:00" for a thing field (≤ 20 characters). */
function timeAsThing(span: NoticeValues['time']): string {
  const start = shanghai(span.start)
  const end = span.end ? shanghai(span.end) : undefined
  return `${start.format('M月D日 HH:mm')}${end ? `-${end.format('HH:mm')}` : ''}`
}

/** One value fitted to its keyword type's limit. */
export function fitValue(key: string, source: NoticeSource, values: NoticeValues): string {
  const type = keywordTypeOf(key)
  if (!type) throw new NoticeDataError(key, `${key} is not a template keyword`)
  if (!FITS[type].includes(source))
    throw new NoticeDataError(key, `${source} cannot fill ${type} field ${key}`)
  if (source === 'time') {
    if (type === 'time') return formatNoticeTime(values.time)
    if (type === 'date') return formatNoticeDate(values.time)
    return truncate(timeAsThing(values.time), 20)
  }
  const text = cleanText(values[source])
  switch (type) {
    case 'thing':
      return truncate(text || '—', 20)
    case 'phrase': {
      // phrase: at most 5 Chinese characters, nothing else
      const han = chars(text)
        .filter((c) => HAN.test(c))
        .slice(0, 5)
        .join('')
      return han || '文明实践'
    }
    case 'name': {
      const han = HAN.test(text)
      const kept = han
        ? chars(text).filter((c) => HAN.test(c) || c === '·')
        : chars(text.replace(/[^A-Za-z\s.'-]/g, ''))
      const name = cleanText(kept.slice(0, han ? 10 : 20).join(''))
      if (!name) throw new NoticeDataError(key, `no name left for ${key}`)
      return name
    }
    case 'phone_number': {
      const phone = text
        .replace(/[^0-9+\-()#* ]/g, '')
        .slice(0, 17)
        .trim()
      if (!/\d/.test(phone)) throw new NoticeDataError(key, `no phone number for ${key}`)
      return phone
    }
    default:
      throw new NoticeDataError(key, `${source} cannot fill ${type} field ${key}`)
  }
}

/** The `data` of subscribeMessage.send: `{ thing1: { value } , … }`, every value within WeChat's limits. */
export function buildTemplateData(
  fields: readonly TemplateField[],
  values: NoticeValues,
): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const f of fields) data[f.key] = { value: fitValue(f.key, f.source, values) }
  return data
}
