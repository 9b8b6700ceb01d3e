/**
 * SVG → PNG with resvg compiled to WebAssembly (@resvg/resvg-wasm: no native binary, the same on every
 * machine that deploys). The wasm module is read once per instance from the function's node_modules; the
 * CJK font comes from server/cjk-font.ts (Noto Sans CJK SC) and is the only font: no system fonts, so a
 * poster looks the same wherever it is drawn.
 */
import { readFile } from 'node:fs/promises'
import { initWasm, Resvg } from '@resvg/resvg-wasm'
import { POSTER_FONT_FAMILY } from '../../../core/posters/layout'

let ready: Promise<void> | null = null

function wasmReady(): Promise<void> {
  ready ??= (async () => {
    const file = require.resolve('@resvg/resvg-wasm/index_bg.wasm')
    await initWasm(await readFile(file))
  })().catch((err: unknown) => {
    ready = null
    throw err
  })
  return ready
}

export interface RenderFont {
  bytes: Buffer
}

/** The PNG of `svg` drawn with `font` (a font file or collection holding Noto Sans CJK SC). */
export async function renderPng(svg: string, font: RenderFont | null): Promise<Buffer> {
  await wasmReady()
  const resvg = new Resvg(svg, {
    font: {
      fontBuffers: font ? [new Uint8Array(font.bytes.buffer, font.bytes.byteOffset, font.bytes.length)] : [],
      loadSystemFonts: false,
      defaultFontFamily: POSTER_FONT_FAMILY,
      sansSerifFamily: POSTER_FONT_FAMILY,
    },
    background: '#ffffff',
  })
  try {
    const image = resvg.render()
    try {
      return Buffer.from(image.asPng())
    } finally {
      image.free()
    }
  } finally {
    resvg.free()
  }
}
