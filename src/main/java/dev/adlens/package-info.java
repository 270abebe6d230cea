/** adlens: multimodal multitask labeling of advertisement images (topics and sentiments). */
package dev.adlens;
