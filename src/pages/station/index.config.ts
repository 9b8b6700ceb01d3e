export default definePageConfig({
  navigationBarTitleText: '实践站',
})
