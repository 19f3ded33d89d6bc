/** Auto Scaling: the lifecycle actions that hold instances for this tool, completed. */
package ddns.aws.autoscaling;
