// An experiment, not a build step: nsfwjs's own MobileNetV2Mid and its InceptionV3 (both in the pinned nsfwjs 4.3.0)
// on the same images, for the adult-imagery false positives (models/experiments.md). tfjs CPU backend, ~15 s per image.
// Usage (in this directory, after npm ci): node second_opinion.js IMAGE.{jpg,png}... > out.jsonl
'use strict';
const fs = require('fs');
const tf = require('@tensorflow/tfjs');
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');
const nsfwjs = require('nsfwjs');
function decode(file) {
  const buf = fs.readFileSync(file);
  let w, h, data;
  if (buf[0] === 0x89) { const p = PNG.sync.read(buf); w = p.width; h = p.height; data = p.data; }
  else { const j = jpeg.decode(buf, { useTArray: true, maxMemoryUsageInMB: 1024 }); w = j.width; h = j.height; data = j.data; }
  const rgb = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) { rgb[3 * i] = data[4 * i]; rgb[3 * i + 1] = data[4 * i + 1]; rgb[3 * i + 2] = data[4 * i + 2]; }
  return tf.tensor3d(rgb, [h, w, 3], 'int32');
}
(async () => {
  const mid = await nsfwjs.load('MobileNetV2Mid', { type: 'graph' });
  const inc = await nsfwjs.load('InceptionV3', { size: 299 });
  for (const f of process.argv.slice(2)) {
    const t = decode(f);
    const a = await mid.classify(t, 5), b = await inc.classify(t, 5);
    const m = (r) => Object.fromEntries(r.map((x) => [x.className, Number(x.probability.toFixed(3))]));
    console.log(JSON.stringify({ file: f.split('/').pop(), mobilenet: m(a), inception: m(b) }));
    t.dispose();
  }
})();
