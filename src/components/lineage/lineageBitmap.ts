import { visibleWorld } from '../../lineage/lineageLayoutView';
import {
  drawBands,
  drawBase,
  drawLineage,
  drawOverlay,
  FAINT,
  isDimmed,
  LineagePalette,
  LineageScene,
} from './drawLineage';

/** The base layer of the whole graph rendered once at one zoom level. */
interface BaseBitmap {
  canvas: HTMLCanvasElement;
  scale: number;
  pad: number;
  dpr: number;
  scene: Pick<LineageScene, 'graph' | 'layout' | 'filteredOut'>;
  palette: LineagePalette;
}

const PAD = 4;
/** Bitmaps larger than this many device pixels (or 4× the viewport) are not worth their memory. */
const MAX_PIXELS = 16e6;
/** After a zoom step the old bitmap is shown scaled (slightly blurry) until the wheel rests this long. */
const REBUILD_DELAY_MS = 140;

/**
 * Draws lineage frames, caching the base layer (all edges and nodes, unselected) as a bitmap while
 * the whole graph fits in a few viewports of pixels — the zoomed-out views where thousands of
 * nodes are on screen. Panning then costs one drawImage, a click redraws only the highlighted
 * neighbourhood on top, and zooming shows the scaled bitmap until the new one is rendered.
 * Zoomed-in views draw directly: culling leaves few nodes to draw there.
 */
export class LineageFrameRenderer {
  private bitmap?: BaseBitmap;
  private timer?: ReturnType<typeof setTimeout>;
  /** Called when a bitmap re-rendered after a zoom is ready to be shown. */
  onBitmapReady: () => void = () => {};

  draw(
    ctx: CanvasRenderingContext2D,
    scene: LineageScene,
    palette: LineagePalette,
    dpr: number
  ): 'direct' | 'cached' | 'scaled' {
    const { layout, view, size } = scene;
    const pixels = (layout.width * view.scale + 2 * PAD) * (layout.height * view.scale + 2 * PAD) * dpr * dpr;
    if (pixels > Math.min(MAX_PIXELS, Math.max(4e6, 4 * size.width * size.height * dpr * dpr))) {
      this.bitmap = undefined;
      drawLineage(ctx, scene, palette);
      return 'direct';
    }
    let bitmap = this.bitmap;
    const usable =
      bitmap &&
      bitmap.scene.graph === scene.graph &&
      bitmap.scene.layout === layout &&
      bitmap.scene.filteredOut === scene.filteredOut &&
      bitmap.palette === palette &&
      bitmap.dpr === dpr;
    let mode: 'cached' | 'scaled' = 'cached';
    if (!usable) {
      bitmap = this.bitmap = this.render(scene, palette, dpr);
      if (!bitmap) {
        drawLineage(ctx, scene, palette);
        return 'direct';
      }
    } else if (bitmap!.scale !== view.scale) {
      mode = 'scaled';
      this.scheduleRebuild(scene, palette, dpr);
    }
    const b = bitmap!;
    const k = view.scale / b.scale;
    ctx.clearRect(0, 0, size.width, size.height);
    drawBands(ctx, scene, palette);
    ctx.globalAlpha = isDimmed(scene) ? FAINT : 1;
    ctx.drawImage(
      b.canvas,
      view.x - b.pad * k,
      view.y - b.pad * k,
      (b.canvas.width / dpr) * k,
      (b.canvas.height / dpr) * k
    );
    ctx.globalAlpha = 1;
    drawOverlay(ctx, scene, palette, visibleWorld(view, size));
    return mode;
  }

  dispose() {
    clearTimeout(this.timer);
    this.bitmap = undefined;
  }

  private scheduleRebuild(scene: LineageScene, palette: LineagePalette, dpr: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.bitmap = this.render(scene, palette, dpr);
      this.onBitmapReady();
    }, REBUILD_DELAY_MS);
  }

  private render(scene: LineageScene, palette: LineagePalette, dpr: number): BaseBitmap | undefined {
    const { layout, view } = scene;
    const canvas = document.createElement('canvas');
    const width = layout.width * view.scale + 2 * PAD;
    const height = layout.height * view.scale + 2 * PAD;
    canvas.width = Math.ceil(width * dpr);
    canvas.height = Math.ceil(height * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx || typeof ctx.drawImage !== 'function') {
      return undefined;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const whole = { x: -PAD, y: -PAD, width: layout.width + 2 * PAD, height: layout.height + 2 * PAD };
    drawBase(ctx, { ...scene, view: { scale: view.scale, x: PAD, y: PAD }, size: { width, height } }, palette, whole);
    return {
      canvas,
      scale: view.scale,
      pad: PAD,
      dpr,
      scene: { graph: scene.graph, layout, filteredOut: scene.filteredOut },
      palette,
    };
  }
}
