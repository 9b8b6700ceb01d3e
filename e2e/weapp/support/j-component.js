/**
 * j-component, loaded without its own typings: they pull in miniprogram-api-typings, whose global
 * `require` (WeChat's) replaces Node's for the whole program. j-component.d.ts types what the harness uses.
 */
module.exports = require('j-component')
