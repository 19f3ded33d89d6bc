/**
 * SQS: follow-up messages on the tool's own queue, and the stack's queues as the operator sees them
 * (depth, dead letters sent back).
 */
package ddns.aws.sqs;
