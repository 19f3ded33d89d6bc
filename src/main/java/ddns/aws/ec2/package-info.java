/**
 * EC2: instances and VPC settings ({@link ddns.facts.InstanceSource}); the settings kept between
 * warm invocations ({@link ddns.aws.ec2.VpcCache}).
 */
package ddns.aws.ec2;
