/**
 * The Quarkus adapters: configuration ({@link dev.adlens.lambda.AdlensConfig}), CDI producers that assemble the
 * plain-Java core, and the Lambda handlers, chosen per function with {@code QUARKUS_LAMBDA_HANDLER}.
 */
package dev.adlens.lambda;
