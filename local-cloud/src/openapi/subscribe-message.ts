import { isOpenid, isPagePath, wxError, type WxResult } from './wx-error'

/** The parameters of `subscribeMessage.send` as WeChat receives them (the SDK snake-cases the keys). */
export interface SendParams {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
  lang?: string
}

const HAN = /\p{Script=Han}/u
const ONLY_HAN = /^\p{Script=Han}+$/u
const ALNUM = /^[A-Za-z0-9]$/
// printable ASCII without space: digits, letters and symbols, no Chinese
const ASCII_VISIBLE = /^[\x21-\x7e]+$/
const ASCII_SYMBOLS = /^[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+$/

const length = (s: string): number => [...s].length

const TIME = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?'
const DATE = '(?:(?:\\d{4}年)?\\d{1,2}月\\d{1,2}日|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})'
// `time`: a 24-hour time, optionally after a date; `date`: a date, optionally followed by a time
const TIME_POINT = `(?:${DATE}\\s*)?${TIME}`
const DATE_POINT = `${DATE}(?:\\s*${TIME})?`
const TIME_VALUE = new RegExp(`^${TIME_POINT}(?:\\s*~\\s*${TIME_POINT})?$`)
const DATE_VALUE = new RegExp(`^${DATE_POINT}(?:\\s*~\\s*(?:${DATE_POINT}|${TIME}))?$`)

/** Calendar sanity for the numbers a date holds (WeChat rejects 13月 or 2月30日 as much as a bad shape). */
function datesAreReal(value: string): boolean {
  const dates = value.matchAll(/(?:(\d{4})(?:年|[-/.]))?(\d{1,2})(?:月|[-/.])(\d{1,2})日?/g)
  for (const [, y, m, d] of dates) {
    const year = y ? Number(y) : 2000
    const month = Number(m)
    const day = Number(d)
    if (month < 1 || month > 12 || day < 1) return false
    if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false
  }
  return true
}

function carNumber(v: string): boolean {
  const chars = [...v]
  if (chars.length > 8) return false
  return chars.every((c, i) => ALNUM.test(c) || ((i === 0 || i === chars.length - 1) && HAN.test(c)))
}

function personName(v: string): boolean {
  if (HAN.test(v)) return length(v) <= 10 && /^[\p{Script=Han}A-Za-z·•\s]+$/u.test(v)
  return length(v) <= 20 && /^[A-Za-z\s.'·•-]+$/.test(v)
}

/**
 * WeChat's value rules per keyword type (the key's prefix: thing1 → thing), from the sendMessage docs'
 * "参数值内容限制说明" table. A value that breaks them is answered with 47003.
 */
export const VALUE_RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => length(v) <= 20,
  number: (v) => /^[+-]?\d+(?:\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => length(v) <= 5 && ASCII_SYMBOLS.test(v),
  character_string: (v) => v.length <= 32 && ASCII_VISIBLE.test(v),
  time: (v) => TIME_VALUE.test(v) && datesAreReal(v),
  date: (v) => DATE_VALUE.test(v) && datesAreReal(v),
  amount: (v) => /^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[0-9+\-()#* ]+$/.test(v) && /\d/.test(v),
  car_number: carNumber,
  name: personName,
  phrase: (v) => length(v) <= 5 && ONLY_HAN.test(v),
  // the allowed values live in the template, which the local cloud does not know
  enum: (v) => length(v) <= 20,
}

/** The keyword type of a data key: thing1 → thing, character_string12 → character_string. */
export function keywordType(key: string): string | undefined {
  const m = /^([a-z_]+?)(\d+)$/.exec(key)
  return m ? m[1] : undefined
}

/** Checks one data entry; the message names the field the way WeChat does. */
export function checkDataEntry(key: string, entry: unknown): string | undefined {
  const type = keywordType(key)
  const rule = type ? VALUE_RULES[type] : undefined
  if (!rule) return `argument invalid! data.${key} is not a template keyword`
  const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined
  if (value === undefined || value === null || value === '')
    return `argument invalid! data.${key}.value is empty`
  if (typeof value !== 'string' || !rule(value)) return `argument invalid! data.${key}.value invalid`
  return undefined
}

const MINIPROGRAM_STATES = new Set(['developer', 'trial', 'formal'])
const LANGS = new Set(['zh_CN', 'en_US', 'zh_HK', 'zh_TW'])

/**
 * Validates a send request in WeChat's order (touser, template, page, data, then the optional fields).
 * `pages`, when known, lists the app's pages: a page outside it is 41030 like an unpublished page.
 */
export function validateSend(
  params: Record<string, unknown>,
  pages: readonly string[] | undefined,
): { ok: true; send: SendParams } | { ok: false; error: WxResult } {
  const fail = (errcode: number, errmsg: string) => ({ ok: false as const, error: wxError(errcode, errmsg) })
  const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = params

  if (!isOpenid(touser)) return fail(40003, 'invalid openid')
  if (typeof templateId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(templateId)) {
    return fail(40037, 'invalid template_id')
  }
  if (page !== undefined && page !== '') {
    if (typeof page !== 'string') return fail(41030, 'invalid page')
    const [path, query] = splitOnce(page, '?')
    if (!isPagePath(path) || (query !== undefined && /[\s#]/.test(query))) return fail(41030, 'invalid page')
    if (pages && !pages.includes(path)) return fail(41030, 'invalid page')
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length === 0) {
    return fail(47003, 'argument invalid! data is empty')
  }
  for (const [key, entry] of Object.entries(data)) {
    const problem = checkDataEntry(key, entry)
    if (problem) return fail(47003, problem)
  }
  if (state !== undefined && (typeof state !== 'string' || !MINIPROGRAM_STATES.has(state))) {
    return fail(47003, 'argument invalid! miniprogram_state invalid')
  }
  if (lang !== undefined && (typeof lang !== 'string' || !LANGS.has(lang))) {
    return fail(47003, 'argument invalid! lang invalid')
  }
  return {
    ok: true,
    send: {
      touser,
      templateId,
      page: typeof page === 'string' && page !== '' ? page : undefined,
      data: data as SendParams['data'],
      miniprogramState: state as string | undefined,
      lang: lang as string | undefined,
    },
  }
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep)
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)]
}
