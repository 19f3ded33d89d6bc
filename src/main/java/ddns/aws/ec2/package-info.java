/** EC2: instances and VPC settings ({@link ddns.facts.InstanceSource}). */
package ddns.aws.ec2;
