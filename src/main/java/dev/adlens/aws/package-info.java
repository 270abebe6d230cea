/** AWS SDK v2 clients as adlens configures them: URL-connection HTTP client, bounded timeouts and retries. */
package dev.adlens.aws;
