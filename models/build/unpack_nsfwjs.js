// nsfwjs ships its TFJS graph models as browserify bundles: model.min.js exports the model.json object and
// each group1-shardXofY.min.js exports the weight shard as a base64 string. This writes them back out as a
// plain model.json + binary shards so the converter reads every TFJS model the same way.
// Usage: node unpack_nsfwjs.js <package dir> <model name> <out dir>
'use strict';
const fs = require('fs');
const path = require('path');
const [pkgDir, modelName, outDir] = process.argv.slice(2);
const src = path.resolve(pkgDir, 'package', 'dist', 'models', modelName);
fs.mkdirSync(outDir, { recursive: true });
const model = require(path.join(src, 'model.min.js'));
for (const group of model.weightsManifest) {
  for (const shard of group.paths) {
    const b64 = require(path.join(src, shard + '.min.js'));
    fs.writeFileSync(path.join(outDir, shard), Buffer.from(b64, 'base64'));
  }
}
fs.writeFileSync(path.join(outDir, 'model.json'), JSON.stringify(model));
