/**
 * How the steps report AWS failures: after the SDK retries ({@link ddns.failure.ServiceFailure}),
 * or a lost race with another writer ({@link ddns.failure.ConcurrentUpdateException}).
 */
package ddns.failure;
