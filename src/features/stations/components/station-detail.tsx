import type { StationDetail as StationDetailData, UnitLink } from '@core/contract'
import { UNIT_LEVEL_NAMES } from '@core/domain'
import { Card, Field } from '@/components/card'
import { Heading } from '@/components/heading'
import { List, ListItem } from '@/components/list-item'
import { PhoneButton } from '@/components/phone-button'
import { openStation } from '../open-station'

/** The parent chain or the children of a unit, each opening its own page. */
function UnitLinks({ title, links }: { title: string; links: UnitLink[] }) {
  if (links.length === 0) return null
  return (
    <>
      <Heading>{title}</Heading>
      <List label={title}>
        {links.map((link) => (
          <ListItem
            key={link._id}
            title={link.name}
            lines={[UNIT_LEVEL_NAMES[link.level]]}
            onOpen={() => openStation(link._id)}
          />
        ))}
      </List>
    </>
  )
}

export function StationDetail({ detail }: { detail: StationDetailData }) {
  const { unit, chain, children } = detail
  return (
    <>
      <PhoneButton phone={unit.phone} />
      <Card>
        <Field name="类别">{UNIT_LEVEL_NAMES[unit.level]}</Field>
        <Field name="地址">{unit.address}</Field>
        <Field name="开放时间">{unit.hours}</Field>
        <Field name="电话">{unit.phone}</Field>
      </Card>
      <UnitLinks title="上级单位" links={chain} />
      <UnitLinks title="下属站点" links={children} />
    </>
  )
}
