/**
 * The posters context's contract (docs/posters.md): 每周活动预告 as a tall image for a WeChat group, drawn
 * on the server from the same weekly list residents see, stored in cloud storage and answered as a
 * temporary link. The client imports types only.
 */
import * as z from 'zod'
import { action, fields } from './define'

export const POSTERS_ERRORS = {
  NOT_FOUND: '没有找到这个单位，可能已撤销',
  CODE_UNAVAILABLE: '本站二维码暂时无法生成，海报未生成，请稍后再试',
  RENDER_FAILED: '海报生成失败，请稍后再试',
} as const

/** One activity as the poster writes it (the page shows the same lines as text beside the image). */
export interface PosterLine {
  activityId: string
  title: string
  /** 「12月1日 星期二 上午9:00–11:00」 */
  when: string
  place: string
  /** 「需报名 · 限 30 人」, 「文明实践日」 … or null */
  note: string | null
}

export interface WeeklyPoster {
  unit: { _id: string; name: string }
  /** the Monday (YYYY-MM-DD, Asia/Shanghai) and 「12月7日–12月13日」 */
  week: { start: string; label: string }
  /** what the image shows, in order (its text alternative) */
  lines: PosterLine[]
  /** activities of the week not drawn (more than fit on one poster) */
  more: number
  fileId: string
  /** a temporary https link to the PNG (null if storage gave none: ask again) */
  url: string | null
  /** 文件名, e.g. 幸福里社区新时代文明实践站-12月7日–12月13日活动预告.png */
  name: string
  width: number
  height: number
  bytes: number
  /** drawn by this call (false: the stored poster of the same content was reused) */
  drawn: boolean
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

export const posters = {
  /**
   * The poster of a unit's week (default: next week): the activities the weekly list shows for the unit,
   * cancelled ones left out, and the unit's QR code. Managers of the unit or above.
   */
  weekly: action<WeeklyPoster>()({
    input: z.object({
      unitId: fields.id('站点编号'),
      week: z.string({ error: '缺少日期' }).regex(DATE, '日期格式应为 2026-12-07').optional(),
    }),
    roles: ['manager'],
  }),
}
