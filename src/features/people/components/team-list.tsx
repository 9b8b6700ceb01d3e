import type { TeamSummary } from '@core/contract'
import { Note } from '@/components/card'
import { List, ListItem } from '@/components/list-item'
import { teamLine } from '../format'
import { openTeam } from '../navigate'

/** The teams above and below a unit, 总队 first; each row opens the team's page. */
export function TeamList({ teams }: { teams: TeamSummary[] }) {
  if (!teams.length) return <Note>这里还没有志愿服务队。</Note>
  return (
    <List label={`共 ${teams.length} 个志愿服务队`}>
      {teams.map((t) => (
        <ListItem key={t._id} title={t.name} lines={[teamLine(t)]} onOpen={() => openTeam(t._id)} />
      ))}
    </List>
  )
}
