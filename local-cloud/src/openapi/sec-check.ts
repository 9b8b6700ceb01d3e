import { randomUUID } from 'node:crypto'
import defaults from './sensitive-words.json'
import { isOpenid, wxError, wxOk, type WxResult } from './wx-error'

type Suggest = 'pass' | 'review' | 'risky'

interface WordRule {
  word: string
  label: number
  suggest: Exclude<Suggest, 'pass'>
}

const NORMAL_LABEL = 100
const OTHER_LABEL = 21000
const MAX_CONTENT = 2500

/** Full-width to half-width, lower case, and no spaces or punctuation, so "赌 博" and "ＦＵＣＫ" still match. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
}

/** A keyword list standing in for WeChat's content model (security.msgSecCheck). */
export class SecCheck {
  private readonly rules: (WordRule & { needle: string })[]

  constructor(extraWords: readonly string[] = []) {
    const all: WordRule[] = [
      ...(defaults.words as WordRule[]),
      ...extraWords.map((word) => ({ word, label: OTHER_LABEL, suggest: 'risky' as const })),
    ]
    this.rules = all.map((r) => ({ ...r, needle: normalize(r.word) })).filter((r) => r.needle !== '')
  }

  /** The strongest hit in the texts: any risky word beats a review word. */
  private judge(texts: string[]): { suggest: Suggest; label: number; keyword?: string } {
    const haystack = texts.map(normalize)
    let verdict: { suggest: Suggest; label: number; keyword?: string } = {
      suggest: 'pass',
      label: NORMAL_LABEL,
    }
    for (const rule of this.rules) {
      if (!haystack.some((h) => h.includes(rule.needle))) continue
      if (rule.suggest === 'risky') return { suggest: 'risky', label: rule.label, keyword: rule.word }
      if (verdict.suggest === 'pass') verdict = { suggest: 'review', label: rule.label, keyword: rule.word }
    }
    return verdict
  }

  /**
   * Version 2 ({ content, version: 2, scene, openid, title?, nickname?, signature? }) answers a
   * verdict; version 1 (no version) answers 87014 for risky content, as WeChat did.
   */
  check(params: Record<string, unknown>): WxResult {
    const { content, version, scene, openid } = params
    if (typeof content !== 'string' || content === '') return wxError(40097, 'invalid args: content is empty')
    if ([...content].length > MAX_CONTENT)
      return wxError(40097, `invalid args: content exceeds ${MAX_CONTENT} chars`)
    const texts = [content, params.title, params.nickname, params.signature].filter(
      (t): t is string => typeof t === 'string',
    )

    if (version === undefined || version === 1) {
      return this.judge(texts).suggest === 'risky' ? wxError(87014, 'risky content') : wxOk()
    }
    if (version !== 2) return wxError(40097, 'invalid args: version')
    if (!isOpenid(openid)) return wxError(40003, 'invalid openid')
    if (typeof scene !== 'number' || ![1, 2, 3, 4].includes(scene))
      return wxError(40097, 'invalid args: scene')

    const verdict = this.judge(texts)
    const detail: Record<string, unknown>[] = [
      { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90 },
    ]
    if (verdict.keyword) {
      detail.push({
        strategy: 'keyword',
        errcode: 0,
        suggest: verdict.suggest,
        label: verdict.label,
        level: verdict.suggest === 'risky' ? 90 : 60,
        keyword: verdict.keyword,
      })
    }
    return wxOk({
      result: { suggest: verdict.suggest, label: verdict.label },
      detail,
      trace_id: randomUUID().replace(/-/g, '').slice(0, 24),
    })
  }
}
