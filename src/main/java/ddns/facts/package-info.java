/**
 * Step 2, facts gathered: what EC2 says of instances and VPCs, and which hosted zones a VPC sees;
 * the ports that read them, and {@link ddns.facts.BatchFacts}, the one immutable value a batch is
 * planned from ({@link ddns.facts.FactsReader} reads it). What is kept between warm invocations is
 * kept behind the ports, in the adapters.
 */
package ddns.facts;
