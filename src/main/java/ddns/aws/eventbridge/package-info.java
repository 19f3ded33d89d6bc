/** EventBridge: the stack's rules, read and switched off for the operator. */
package ddns.aws.eventbridge;
