/**
 * Route 53: zones ({@link ddns.facts.ZoneDirectory}, read through the {@link
 * ddns.aws.route53.ZoneCache} kept between warm invocations), record sets and zone changes ({@link
 * ddns.apply.DnsZones}, which tell that cache what they changed).
 */
package ddns.aws.route53;
