/**
 * `npm run grant -- --openid <OPENID> --unit <unit _id> [--env <env id>] [--local <url>]`
 *
 * Makes someone a manager (专管员) of a unit without an invitation: the way the first center admin is made
 * on a fresh deploy (docs/deploy.md step 12), after which every further manager is invited from the app.
 * Adds `{ role: 'manager', unitId }` to the person's `users` record (creating the record when they have not
 * opened the app yet) and writes the grant to `audit_log`, as the app's own grants are.
 *
 * Against the WeChat cloud it talks to the environment through wx-server-sdk with a Tencent Cloud API key:
 * TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY of the account that owns the environment (腾讯云 → 访问管理
 * → API 密钥), and `--env` (云开发控制台 → 设置 → 环境 ID). `--local http://127.0.0.1:8787` runs it against
 * the local cloud instead.
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import cloud from 'wx-server-sdk'
import { auditLog, type AuditDoc } from '../core/contract/network.collections'
import { units } from '../core/contract/stations.collections'
import { users } from '../core/contract/users.collections'
import { from } from '../server/db'

export const GRANT_SCRIPT_ACTOR = 'deploy:npm-run-grant'

type Db = ReturnType<typeof cloud.database>

export async function grantManager(
  db: Db,
  openid: string,
  unitId: string,
  now = new Date(),
): Promise<'granted' | 'already'> {
  const unit = await from(db, units).byId(unitId)
  if (!unit) throw new Error(`没有找到单位 ${unitId}（units 集合里的 _id）`)
  if (unit.retired) throw new Error(`单位「${unit.name}」已撤销`)
  const people = from(db, users)
  const user = await people.byId(openid)
  const grants = user?.grants ?? []
  if (grants.some((g) => g.role === 'manager' && g.unitId === unitId)) return 'already'
  const next = [...grants, { role: 'manager' as const, unitId }]
  if (user) {
    await people.ref.doc(openid).update({ data: { grants: db.command.set(next) } })
  } else {
    await people.insert({ _id: openid, grants: next, createdAt: now })
  }
  const { _id, ...line }: AuditDoc = {
    _id: `a-${now.getTime()}-${randomBytes(6).toString('base64url')}`,
    at: now,
    kind: 'grant',
    actor: GRANT_SCRIPT_ACTOR,
    actorName: '部署脚本',
    subject: openid,
    subjectName: user?.name ?? null,
    role: 'manager',
    unitId,
    unitName: unit.name,
    unitPath: [...unit.ancestors, unit._id],
    invitationId: null,
    detail: '由 npm run grant 授予（首位管理员）',
  }
  await from(db, auditLog).insert({ _id, ...line })
  return 'granted'
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      openid: { type: 'string' },
      unit: { type: 'string' },
      env: { type: 'string' },
      local: { type: 'string' },
    },
  })
  if (!values.openid || !values.unit) {
    console.error(
      '用法: npm run grant -- --openid <OPENID> --unit <单位 _id> [--env <环境 ID>] [--local <本地云地址>]',
    )
    process.exit(2)
  }
  if (values.local) {
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${values.local.replace(/\/+$/, '')}/admin` })
    process.env.TENCENTCLOUD_SECRETID ||= 'local-cloud'
    process.env.TENCENTCLOUD_SECRETKEY ||= 'local-cloud'
    process.env.TENCENTCLOUD = 'true'
  } else if (!values.env || !process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY) {
    console.error(
      '需要 --env <环境 ID> 以及环境变量 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY（腾讯云 API 密钥）',
    )
    process.exit(2)
  }
  cloud.init({
    env: values.env ?? process.env.TCB_ENV ?? 'local-cloud',
    secretId: process.env.TENCENTCLOUD_SECRETID,
    secretKey: process.env.TENCENTCLOUD_SECRETKEY,
  } as Parameters<typeof cloud.init>[0])
  const result = await grantManager(cloud.database(), values.openid, values.unit)
  console.log(
    result === 'granted'
      ? `已授予 ${values.openid} 「${values.unit}」的专管员权限`
      : '此人已是该单位的专管员',
  )
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error((err as Error).message ?? err)
    process.exit(1)
  })
}
