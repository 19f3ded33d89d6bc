/**
 * DynamoDB: the registry table ({@link ddns.registry.OwnershipRegistry}, {@link
 * ddns.registry.AlertMemory}) and its item layout.
 */
package ddns.aws.dynamodb;
