export default definePageConfig({
  navigationBarTitleText: '报名的志愿者',
})
