/** Ad quality as viewers see it: clickbait, deceptive, manipulative, distasteful — scores and the model behind them. */
package dev.adlens.quality;
