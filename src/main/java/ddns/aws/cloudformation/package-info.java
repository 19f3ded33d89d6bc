/**
 * CloudFormation: the deployed stack an operator's command names ({@code --stack}), its outputs and
 * resources, read and translated, deciding nothing.
 */
package ddns.aws.cloudformation;
