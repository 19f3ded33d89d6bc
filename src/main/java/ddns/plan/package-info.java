/**
 * Step 3, records planned: which records a running instance should have, and what the batch must
 * change to get there under the ownership rules. Pure: values in, sorted values out; no I/O, no
 * clock, no port.
 */
package ddns.plan;
