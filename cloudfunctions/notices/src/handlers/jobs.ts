import { subscriptions } from '../../../../core/contract/inbox.collections'
import { notice_deliveries, notice_jobs, type JobDoc } from '../../../../core/contract/notices.collections'
import type { Unit } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { adhocTimeProblem, canTransition } from '../../../../core/notices/job'
import { grantedUnitIds, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { HandlerContext } from '../../../../server/types'
import { createAdhocJob } from '../fanout/create'
import { runDeps } from '../fanout/deps'
import { runJob } from '../fanout/run'
import { centerIdOf, ensureSettings, jobView, loadJob, loadSettings, requireUnit } from '../model'

/**
 * A manager's start or resume sends a first short batch inside the action, awaited (a station's
 * subscribers usually all fit in it), and answers; the minute timer carries on with the rest. Nothing
 * runs after the answer: the platform freezes the instance then.
 */
const FIRST_BATCH_MS = 3000

async function firstBatch(ctx: HandlerContext, jobId: string): Promise<JobDoc | undefined> {
  await runJob(jobId, runDeps(ctx, FIRST_BATCH_MS))
  return loadJob(ctx.db, jobId)
}
import { managedCenterIds } from './scope'

/** Practice-day jobs are seen by every manager in the center; an ad-hoc job by managers over its station. */
async function visibility(ctx: Pick<HandlerContext, 'db' | '_' | 'caller'>) {
  const grants = grantedUnitIds(ctx.caller, 'manager')
  const centers = await managedCenterIds(ctx)
  return {
    grants,
    centers,
    canSee: (job: JobDoc) =>
      job.kind === 'practiceDay'
        ? centers.includes(job.centerId)
        : job.scopePath.some((id) => grants.includes(id)),
  }
}

export const jobStatus: Handler<'notices', 'jobStatus'> = async (input, ctx) => {
  const { db, _ } = ctx
  const { grants, centers, canSee } = await visibility(ctx)
  if (input.jobId) {
    const job = await loadJob(db, input.jobId)
    if (!job) throw new AppError('NOT_FOUND', '没有找到这次发送')
    if (!canSee(job)) throw new AppError('FORBIDDEN', '这次发送不属于您管理的单位')
    return { jobs: [jobView(job)] }
  }
  const scope = input.centerId ? centers.filter((c) => c === input.centerId) : centers
  if (input.centerId && scope.length === 0)
    throw new AppError('FORBIDDEN', '您不是这个实践中心及所属单位的专管员')
  const jobs = from(db, notice_jobs)
  const [practice, adhoc] = await Promise.all([
    scope.length
      ? jobs.find((ref) =>
          ref
            .where({ centerId: _.in(scope), kind: 'practiceDay' })
            .orderBy('createdAt', 'desc')
            .limit(input.limit),
        )
      : Promise.resolve([]),
    jobs.find((ref) =>
      ref
        .where({
          scopePath: _.in(grants),
          kind: 'adhoc',
          ...(input.centerId ? { centerId: input.centerId } : {}),
        })
        .orderBy('createdAt', 'desc')
        .limit(input.limit),
    ),
  ])
  const merged = [...practice, ...adhoc]
    .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
    .slice(0, input.limit)
  return { jobs: merged.map(jobView) }
}

export const startAdhoc: Handler<'notices', 'startAdhoc'> = async (input, ctx) => {
  const { db, _, caller } = ctx
  const station = await requireUnit(db, input.stationId, '实践站')
  if (station.level !== 'station' && station.level !== 'point') {
    throw new AppError('INVALID_INPUT', '临时通知只能发给一个实践站或实践点的订阅者', {
      stationId: '请选择实践站',
    })
  }
  requireManagerOf(caller, station)
  const now = ctx.now()
  const problem = adhocTimeProblem(input.start, input.end ?? null, now.getTime())
  if (problem) throw new AppError('INVALID_INPUT', problem.message, { [problem.field]: problem.message })
  const start = new Date(input.start)
  const end = input.end === undefined ? null : new Date(input.end)
  const center = await requireUnit(db, centerIdOf(station), '实践中心')
  const s = await ensureSettings(db, center._id, now)
  // a repeated tap answers the job the first one started, whatever its audience is by now
  const repeated = await loadJob(db, notice_jobs.adhocId(station._id, input.requestId))
  if (repeated) return jobView(repeated)
  const audience = await from(db, subscriptions).count({
    stationId: station._id,
    templateId: s.template.id,
    credits: _.gt(0),
  })
  if (audience === 0) {
    throw new AppError(
      'NO_SUBSCRIBERS',
      `「${station.name}」现在没有可以接收通知的订阅者（没人订阅，或订阅次数已用完），通知不会发给任何人，所以没有开始发送。`,
    )
  }
  const job = await createAdhocJob(
    db,
    _,
    s,
    {
      station,
      centerId: center._id,
      centerName: center.name,
      theme: input.theme,
      start,
      end,
      place: input.place,
      note: input.note,
      requestId: input.requestId,
      createdBy: caller.openid,
    },
    now,
  )
  const after = job.state === 'running' ? await firstBatch(ctx, job._id) : job
  return jobView(after ?? job)
}

export const resumeJob: Handler<'notices', 'resumeJob'> = async (input, ctx) => {
  const { db, _, caller } = ctx
  const job = await loadJob(db, input.jobId)
  if (!job) throw new AppError('NOT_FOUND', '没有找到这次发送')
  const owner: Unit = await requireUnit(db, job.stationId ?? job.centerId, '单位')
  requireManagerOf(caller, owner)
  if (!canTransition(job.state, 'resume')) throw new AppError('CONFLICT', '只有已暂停的发送可以继续')
  const s = await loadSettings(db, job.centerId)
  const now = ctx.now()
  // the refused sends are tried again with the corrected template
  await from(db, notice_deliveries)
    .ref.where({ jobId: job._id, state: 'failed', reason: _.in(['data_error', 'config_error']) })
    .remove()
  const resumed = await from(db, notice_jobs).update(
    { _id: job._id, state: 'halted' },
    {
      state: 'running',
      haltReason: null,
      haltMessage: null,
      template: _.set(s?.template ?? job.template),
      failed: { data_error: 0, config_error: 0 },
      leaseOwner: null,
      leaseUntil: new Date(0),
      updatedAt: now,
    },
  )
  const fresh = resumed ? await firstBatch(ctx, job._id) : await loadJob(db, job._id)
  return jobView(fresh ?? job)
}
