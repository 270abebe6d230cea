/** Typed failures: each carries a stable code, whether it is worth retrying, and the HTTP status it maps to. */
package dev.adlens.error;
