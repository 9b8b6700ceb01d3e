export default definePageConfig({
  navigationBarTitleText: '志愿者签到码',
})
