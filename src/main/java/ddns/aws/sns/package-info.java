/** SNS: operator alerts ({@link ddns.alert.Alerts}). */
package ddns.aws.sns;
