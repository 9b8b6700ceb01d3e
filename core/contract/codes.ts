import type { UnitLevel } from '../domain'
import * as z from 'zod'
import { action, fields } from './define'

/** A unit's printed mini-program code (站点二维码), generated once and kept in cloud storage. */
export interface StationCodeView {
  unitId: string
  unitName: string
  level: UnitLevel
  unitCode: string
  scene: string
  /** null until generated */
  fileID: string | null
  generatedAt: number | null
  generatedBy: string | null
  /** how many times it was generated (1 for the first) */
  version: number
}

export const CODES_ERRORS = {
  UNIT_CODE_UNUSABLE: '这个单位的编码不能用于二维码，请联系管理员修改单位编码',
  CODE_NOT_GENERATED: '这个单位的二维码还没有生成，请先生成',
  WXACODE_FAILED: '生成二维码失败，请稍后再试',
} as const

export const codes = {
  /** The units under the caller's management (or under `unitId`), with their code's state. */
  list: action<{ units: StationCodeView[]; truncated: boolean }>()({
    input: z.object({ unitId: fields.id('单位编号').optional() }),
    roles: ['manager'],
  }),
  /** Generates the unit's code once; with `regenerate`, makes a new one (e.g. the print was damaged). */
  generate: action<{ code: StationCodeView; created: boolean }>()({
    input: z.object({ unitId: fields.id('单位编号'), regenerate: z.boolean().default(false) }),
    roles: ['manager'],
  }),
  /** The stored code image (PNG data URL) with the unit's name, for the printable card. */
  image: action<{ code: StationCodeView; dataUrl: string }>()({
    input: z.object({ unitId: fields.id('单位编号') }),
    roles: ['manager'],
  }),
}
