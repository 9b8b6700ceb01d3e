export default definePageConfig({
  navigationBarTitleText: '文明实践',
})
