/** CloudWatch: the latest figures of the stack's metrics, for the operator's status. */
package ddns.aws.cloudwatch;
