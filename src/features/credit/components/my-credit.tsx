import { View } from '@tarojs/components'
import type { MyCredit } from '@core/contract'
import { formatDayLong, formatClock } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { KIND_LABEL, signedPoints } from '../credit-text'
import { starText } from '../star-text'
import { openBoard, openShop } from '../navigate'
import './credit.css'
import './mine.css'

/** 我的积分: what can be spent, what is held, and the last 20 lines with why. */
export function MyCreditView({ credit }: { credit: MyCredit }) {
  return (
    <>
      <Card label="我的积分">
        <View className="credit-balance">可用 {credit.balance} 分</View>
        <Field name="兑换待领取">{credit.held} 分</Field>
        <Field name="累计获得">{credit.earned} 分</Field>
        <Field name="已计入积分的服务">{credit.serviceHours} 小时</Field>
        <Field name="星级志愿者">
          {credit.stars > 0 ? (
            <View className="credit-stars">{starText(credit.stars)}</View>
          ) : (
            '暂未评星（服务时长达到门槛后，经专管员审核并公示即可获得）'
          )}
        </Field>
      </Card>
      <Button variant="primary" block onClick={openShop}>
        去爱心超市兑换
      </Button>
      <Button block onClick={openBoard}>
        本站本月积分榜
      </Button>
      <Heading>最近 20 条积分记录</Heading>
      {credit.lines.length === 0 ? (
        <Note>还没有积分记录。志愿服务时长经专管员确认后，会自动按规则记入积分。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '积分记录' })}>
          {credit.lines.map((l) => (
            <View key={l._id} className="credit-row" {...a11y({ role: 'listitem' })}>
              <View className="credit-row__title">
                {KIND_LABEL[l.kind]} {signedPoints(l.points)}
              </View>
              <View className="credit-row__line">{l.explanation}</View>
              <View className="credit-row__line">
                {formatDayLong(l.at)} {formatClock(l.at)} · 之后余额 {l.balanceAfter} 分
              </View>
            </View>
          ))}
        </View>
      )}
    </>
  )
}
