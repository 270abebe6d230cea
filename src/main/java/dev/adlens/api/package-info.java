/**
 * The pay-per-use HTTP API, framework-free: requests and responses as plain records, routing, RFC 9457 problems.
 * The Lambda adapter ({@code lambda.ApiHandler}) translates API Gateway HTTP API (payload v2) events to and from it.
 */
package dev.adlens.api;
