/** SQS: the stack's queues as the operator sees them (depth, dead letters sent back). */
package ddns.aws.sqs;
