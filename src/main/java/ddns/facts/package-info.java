/**
 * Step 2, facts gathered: what EC2 says of instances and VPCs, and which hosted zones a VPC sees;
 * the ports that read them and the short-lived cache between warm invocations.
 */
package ddns.facts;
