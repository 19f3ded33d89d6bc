/** Lambda: the settings (environment) the deployed function runs with, read for the operator. */
package ddns.aws.lambda;
