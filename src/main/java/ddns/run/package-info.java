/**
 * The jobs (handle events, reconcile, explain one instance) behind the {@link ddns.run.DdnsService}
 * facade: they run the steps in order, each stage handing its value to the next, and turn the
 * results into a summary and metrics.
 */
package ddns.run;
