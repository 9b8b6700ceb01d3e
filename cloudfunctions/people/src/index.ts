import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { people } from '../../../core/contract/people'
import { cancelSlot, mySlots, signUpSlot, slotState, slotVolunteers } from './slots'
import {
  askToJoin,
  createTeam,
  decideJoin,
  joinRequests,
  leaveTeam,
  myTeams,
  setLeader,
  team,
  teamList,
  teamMembers,
} from './teams'
import { leave, myVolunteer, register, updateVolunteer } from './volunteers'

initCloud(cloud)

export const main = createMain(
  'people',
  people,
  {
    myVolunteer,
    register,
    updateVolunteer,
    leave,
    teams: teamList,
    team,
    teamMembers,
    myTeams,
    createTeam,
    setLeader,
    askToJoin,
    leaveTeam,
    joinRequests,
    decideJoin,
    slotState,
    signUpSlot,
    cancelSlot,
    slotVolunteers,
    mySlots,
  },
  { cloud },
)
