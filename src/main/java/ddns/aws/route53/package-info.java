/**
 * Route 53: zones ({@link ddns.facts.ZoneDirectory}), record sets and zone changes ({@link
 * ddns.apply.DnsZones}).
 */
package ddns.aws.route53;
