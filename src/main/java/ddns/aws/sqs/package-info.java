/** SQS: follow-up messages on the tool's own queue. */
package ddns.aws.sqs;
