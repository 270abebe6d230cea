// Reference outputs of the ORIGINAL TFJS models (tfjs CPU backend), for the ONNX parity test.
//
// For each photo: decode the JPEG, stretch it to 512x512 with tf.image.resizeBilinear (what human does),
// round to uint8 and save that exact tensor as a PNG fixture (lossless, so Java reads identical bytes).
// Then run, on that uint8 tensor, exactly what visual.onnx claims to compute:
//   CenterNet (0..255 input)      -> its own `detections` output (top 10 kept) and the mean of the 480-ch
//                                    stride-32 backbone map;
//   MobileNetV2-1.4 (nsfwjs way)  -> /255, resizeBilinear to 224 with alignCorners=true, 1792-d feature;
//   nsfwjs itself                 -> its own MobileNetV2Mid bundle (the npm package's model, not our unpack of it)
//                                    and its own infer() (its scaling and resize) on the same uint8 tensor: the five
//                                    probabilities of the adult output, in nsfwjs's class order;
//   nsfwjs's InceptionV3           -> the same, with its own bundled InceptionV3 (size 299): adult-check.onnx's
//                                    output (the second opinion on adult imagery).
// Usage: node reference.js <centernet.json> <mobilenet model.json> <out dir> <jpeg>...
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');
const nsfwjs = require('nsfwjs');

const SIZE = 512;
const TOP = 10;
const MN_FEATURE = 'StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/'
  + 'StatefulPartitionedCall/predict/feature_vector/SpatialSqueeze';

async function loadGraph(modelJson) {
  const spec = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
  const shards = [];
  for (const group of spec.weightsManifest) {
    for (const p of group.paths) shards.push(fs.readFileSync(path.join(path.dirname(modelJson), p)));
  }
  const data = Buffer.concat(shards);
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: spec.modelTopology,
    weightSpecs: spec.weightsManifest.flatMap((g) => g.weights),
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.length),
  }));
}

const round = (v) => Number(v.toPrecision(7));

function fixture(jpegPath, outPng) {
  const decoded = jpeg.decode(fs.readFileSync(jpegPath), { useTArray: true, formatAsRGBA: false });
  return tf.tidy(() => {
    const rgb = tf.tensor3d(decoded.data, [decoded.height, decoded.width, 3], 'int32');
    const resized = tf.image.resizeBilinear(rgb.toFloat(), [SIZE, SIZE]).round().clipByValue(0, 255);
    const bytes = resized.toInt().dataSync();
    const png = new PNG({ width: SIZE, height: SIZE, colorType: 2 });
    for (let i = 0, j = 0; i < SIZE * SIZE; i++) {
      png.data[j++] = bytes[3 * i]; png.data[j++] = bytes[3 * i + 1]; png.data[j++] = bytes[3 * i + 2];
      png.data[j++] = 255;
    }
    fs.writeFileSync(outPng, PNG.sync.write(png, { colorType: 2 }));
    return resized.expandDims(0);
  });
}

(async () => {
  const [centernetJson, mobilenetJson, outDir, ...photos] = process.argv.slice(2);
  await tf.setBackend('cpu');
  const centernet = await loadGraph(centernetJson);
  const mobilenet = await loadGraph(mobilenetJson);
  const nsfw = await nsfwjs.load('MobileNetV2Mid', { type: 'graph' });
  const inception = await nsfwjs.load('InceptionV3', { size: 299 });
  fs.mkdirSync(outDir, { recursive: true });
  const references = [];
  for (const photo of photos) {
    const name = path.basename(photo, path.extname(photo));
    const input = fixture(photo, path.join(outDir, name + '.png'));
    const [detections, backbone] = centernet.execute(input, ['tower_0/detections', 'tower_0/extern1/hard_swish/mul_1']);
    const small = tf.image.resizeBilinear(input.div(255), [224, 224], true);
    const feature = mobilenet.execute(small, MN_FEATURE);
    const adult = nsfw.infer(input.squeeze([0]));
    const adultCheck = inception.infer(input.squeeze([0]));
    // classify() names the classes: the check that infer()'s columns are in the order the adult output claims
    const named = Object.fromEntries((await nsfw.classify(input.squeeze([0]), 5))
      .map((c) => [c.className.toLowerCase(), round(c.probability)]));
    references.push({
      image: name + '.png',
      detections: (await detections.array())[0].slice(0, TOP).map((d) => d.map(round)),
      backboneMean: Array.from(await backbone.mean([1, 2]).data()).map(round),
      mobilenetFeature: Array.from(await feature.data()).map(round),
      adult: Array.from(await adult.data()).map(round),
      nsfwjsClassify: named,
      adultCheck: Array.from(await adultCheck.data()).map(round),
    });
    tf.dispose([input, detections, backbone, small, feature, adult, adultCheck]);
  }
  const out = {
    generatedBy: 'models/build/reference/reference.js',
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    detectionsFormat: 'x1,y1,x2,y2 in 512-px input coordinates, score, class index 0..79',
    references,
  };
  fs.writeFileSync(path.join(outDir, 'reference.json'), JSON.stringify(out, null, 1) + '\n');
})();
