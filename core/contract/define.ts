/*
 * Every contract module imports zod itself as `import * as z from 'zod'` and uses it only as `z.<name>`:
 * esbuild then keeps just the parts of zod the schemas use (issue 9: about 70-100 KB of zod per cloud
 * function bundle instead of about 200 KB). Re-exporting the namespace from here (`export { z }`) or
 * importing `{ z }` from 'zod' makes esbuild keep the whole of zod, so neither is done.
 */
import * as z from 'zod'
import { zhCN } from 'zod/locales'
import type { Role } from '../domain'

// Default messages in Chinese for whatever a schema does not word itself.
z.config(zhCN())

/**
 * One action of a cloud function: its input schema, who may call it, and (as a phantom type) what it
 * answers. `roles` lists the roles allowed; 'resident' means anyone with a WeChat identity. A handler
 * still checks the unit scope of a 'manager' or 'volunteer' grant itself.
 */
export interface ActionSpec<I extends z.ZodType, O> {
  input: I
  roles: readonly Role[]
  /** phantom: never set at runtime, carries the output type */
  readonly __output?: O
}

/** `action<Output>()({ input, roles })` — curried so the output type is given and the input inferred. */
export function action<O>() {
  return <I extends z.ZodType>(spec: { input: I; roles: readonly Role[] }): ActionSpec<I, O> => spec
}

/** Common field schemas with messages a person can act on. */
export const fields = {
  id: (label = '编号') =>
    z
      .string({ error: `缺少${label}` })
      .min(1, `缺少${label}`)
      .max(64, `${label}格式不对`),
  latitude: () =>
    z.number({ error: '缺少纬度' }).min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
  longitude: () =>
    z
      .number({ error: '缺少经度' })
      .min(-180, '经度应在 -180 到 180 之间')
      .max(180, '经度应在 -180 到 180 之间'),
  text: (label: string, max: number, min = 1) =>
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
      .max(max, `${label}不能超过 ${max} 个字`),
  limit: (max: number, fallback: number) =>
    z.number().int('数量应为整数').min(1, '数量至少为 1').max(max, `一次最多 ${max} 条`).default(fallback),
}
