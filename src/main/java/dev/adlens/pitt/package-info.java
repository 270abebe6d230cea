/** The Pitt Ads annotation format (Topics.json / Sentiments.json) and our label-aggregation rule. */
package dev.adlens.pitt;
