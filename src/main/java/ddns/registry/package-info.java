/**
 * Step 5, registry updated: what this tool owns (instance items, claims on shared names) as values,
 * the conditional writes that change it, and the memory of alerts already sent.
 */
package ddns.registry;
