import type { UnitTree } from '@core/contract'
import { UNIT_LEVEL_NAMES } from '@core/domain'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { List, ListItem } from '@/components/list-item'
import { belowText, when } from '../labels'
import { openAudit, openEditUnit, openInvite, openNewUnit, openUnits } from '../navigate'

/** One unit of the tree: its details, what the manager may do here, and its children to open. */
export function UnitTreeView({ tree }: { tree: UnitTree }) {
  const { unit, children } = tree
  return (
    <>
      <Card label={unit.name}>
        <Field name="级别">{UNIT_LEVEL_NAMES[unit.level]}</Field>
        <Field name="地址">{unit.address}</Field>
        <Field name="电话">{unit.phone}</Field>
        <Field name="开放时间">{unit.hours}</Field>
        <Field name="服务圈">{`${unit.radiusMeters} 米`}</Field>
        <Field name="下级">{belowText(unit.below)}</Field>
        {unit.retired && (
          <Note>
            已于 {unit.retiredAt ? when(unit.retiredAt) : ''} 撤销
            {unit.successorName ? `，接续单位：${unit.successorName}` : ''}
          </Note>
        )}
      </Card>
      {tree.canEdit && (
        <>
          <Button block onClick={() => openEditUnit(unit._id)}>
            修改本单位信息
          </Button>
          {unit.level !== 'point' && (
            <Button variant="primary" block onClick={() => openNewUnit(unit._id)}>
              新建下级单位
            </Button>
          )}
          <Button block onClick={() => openInvite(unit._id)}>
            邀请专管员
          </Button>
        </>
      )}
      <Button block onClick={() => openAudit(unit._id)}>
        操作记录
      </Button>
      {unit.parentId && (
        <Button variant="quiet" block onClick={() => openUnits(unit.parentId!)}>
          返回上级单位
        </Button>
      )}
      <Heading>下级单位（{children.length}）</Heading>
      {children.length === 0 ? (
        <Note>暂无下级单位。</Note>
      ) : (
        <List label="下级单位">
          {children.map((c) => (
            <ListItem
              key={c._id}
              title={c.retired ? `${c.name}（已撤销）` : c.name}
              lines={[`${UNIT_LEVEL_NAMES[c.level]}`, c.retired ? '已撤销' : belowText(c.below)]}
              onOpen={() => openUnits(c._id)}
            />
          ))}
        </List>
      )}
    </>
  )
}
