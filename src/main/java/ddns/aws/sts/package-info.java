/**
 * STS: the account the tool runs in, for the default alert topic ({@link ddns.alert.DefaultTopic}).
 */
package ddns.aws.sts;
