/**
 * Who is told what at each step of an order (every step tells the next party), and the 服务进度提醒
 * subscribe message the resident may receive. The server resolves each audience to people.
 */
import type { NoticeTemplate, NoticeValues } from '../notices/template'
import { formatClock, formatDayLong, shanghai, type Instant } from '../time'
import type { OrderDoc, OrderEvent } from './model'

/** The template's configuration document name (collection notify_templates). */
export const ORDER_UPDATE_TEMPLATE_NAME = 'orderUpdate'

/** Default 服务进度提醒: thing1 服务项目, thing2 进度, time3 服务时间, thing4 站点. */
export const DEFAULT_ORDER_UPDATE_TEMPLATE: NoticeTemplate = {
  id: 'ORDER_UPDATE_TEMPLATE',
  kind: 'oneTime',
  page: 'orders/pages/detail/index',
  fields: [
    { key: 'thing1', source: 'title' },
    { key: 'thing2', source: 'note' },
    { key: 'time3', source: 'time' },
    { key: 'thing4', source: 'station' },
  ],
}

export type Audience =
  /** the resident, or whoever placed the order for them */
  | 'owner'
  /** managers of the unit whose queue holds the order */
  | 'queueManagers'
  /** members of the team it is dispatched to */
  | 'team'
  /** the volunteer who holds it */
  | 'holder'

export interface OrderMessage {
  audience: Audience
  title: string
  body: string
  /** also as a subscribe message when the person holds a credit (only the resident's waits) */
  push: boolean
  /** the short progress line of the subscribe message */
  progress: string
}

/** "11月26日 星期四 上午9:00" */
export function wantedText(t: Instant): string {
  return `${formatDayLong(t)} ${formatClock(t)}`
}

/** 'YYYY-MM' in Shanghai: the month an order's figures count in. */
export function monthKey(t: Instant): string {
  return shanghai(t).format('YYYY-MM')
}

const placeText = (o: Pick<OrderDoc, 'where' | 'unitName'>) =>
  o.where === 'home' ? '上门服务' : `到${o.unitName}`

/** The messages of one step. `o` is the order after the step. */
export function messagesFor(event: OrderEvent | 'place', o: OrderDoc, byManager = false): OrderMessage[] {
  const what = `${o.category}（${wantedText(o.wantedAt)}，${placeText(o)}）`
  const m = (
    audience: Audience,
    title: string,
    body: string,
    progress: string,
    push = false,
  ): OrderMessage => ({
    audience,
    title,
    body,
    push,
    progress,
  })
  switch (event) {
    case 'place':
      return [
        m(
          'queueManagers',
          `新订单：${o.category}`,
          `${o.unitName}的居民预约了${what}，请尽快派单。`,
          '新订单',
        ),
        m('owner', `已提交：${o.category}`, `您预约的${what}已提交，站点正在安排，请留意消息。`, '已提交'),
      ]
    case 'escalate':
      return [
        m(
          'queueManagers',
          `上报订单：${o.category}`,
          `${o.unitName}的订单${what}还没有派出，已上报到${o.queueUnitName}，请协助派单。`,
          '待派单',
        ),
      ]
    case 'dispatch':
      return [
        m(
          'team',
          `新派单：${o.category}`,
          `${o.unitName}有一个订单派给了${o.teamName}：${what}。先接先得。`,
          '待接单',
        ),
        m('owner', `已派单：${o.category}`, `您的订单已派给${o.teamName}，正在等待志愿者接单。`, '已派单'),
      ]
    case 'accept':
      return [
        m(
          'owner',
          `已接单：${o.category}`,
          `志愿者${o.holderName}接了您的订单${what}，会按时为您服务。`,
          '志愿者已接单',
          true,
        ),
        m(
          'queueManagers',
          `已接单：${o.category}`,
          `${o.teamName}的志愿者${o.holderName}接了订单${what}。`,
          '已接单',
        ),
      ]
    case 'handBack':
      return [
        m(
          'team',
          `订单退回：${o.category}`,
          `订单${what}被退回，需要一位志愿者重新接单。原因：${o.history.at(-1)?.reason ?? ''}`,
          '待接单',
        ),
        m('queueManagers', `订单退回：${o.category}`, `志愿者退回了订单${what}，已重新等待接单。`, '待接单'),
      ]
    case 'complete':
      return [
        m(
          'owner',
          `服务已完成：${o.category}`,
          `志愿者${o.holderName}已完成${what}。请为这次服务打个分。`,
          '已完成，请评价',
          true,
        ),
      ]
    case 'rate':
    case 'rerate':
      return [
        m(
          'holder',
          `${event === 'rate' ? '收到评价' : '评价已修改'}：${o.category}`,
          `居民为您的服务${what}打了 ${o.rating?.stars ?? 0} 颗星${o.rating?.comment ? `：“${o.rating.comment}”` : '。'}服务时长已记入您的志愿时长。`,
          '已评价',
        ),
      ]
    case 'reject':
      return [
        m(
          'owner',
          `未受理：${o.category}`,
          `很抱歉，您的订单${what}未能受理。原因：${o.reason ?? ''}`,
          '未受理',
          true,
        ),
      ]
    case 'cancel':
      return byManager
        ? [
            m(
              'owner',
              `订单取消：${o.category}`,
              `您的订单${what}已由站点取消。原因：${o.reason ?? ''}`,
              '已取消',
              true,
            ),
            ...(o.holder
              ? [
                  m(
                    'holder',
                    `订单取消：${o.category}`,
                    `您接的订单${what}已取消。原因：${o.reason ?? ''}`,
                    '已取消',
                  ),
                ]
              : []),
          ]
        : [
            m(
              'queueManagers',
              `居民取消：${o.category}`,
              `订单${what}已被居民取消。原因：${o.reason ?? ''}`,
              '已取消',
            ),
            ...(o.holder
              ? [
                  m(
                    'holder',
                    `订单取消：${o.category}`,
                    `您接的订单${what}已被居民取消。原因：${o.reason ?? ''}`,
                    '已取消',
                  ),
                ]
              : []),
          ]
  }
}

/** The subscribe message's values for a message to the resident. */
export function pushValues(o: OrderDoc, progress: string): NoticeValues {
  const t = new Date(o.wantedAt)
  return {
    theme: o.category,
    title: `${o.category}服务`,
    time: { start: t },
    place: placeText(o),
    note: progress,
    center: '',
    station: o.unitName,
    phone: '',
  }
}
