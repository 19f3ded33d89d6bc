/**
 * The shared vocabulary of every step: DNS names (validated once), hosted zones and their ids,
 * record sets and their keys. Pure values; no I/O.
 */
package ddns.dns;
