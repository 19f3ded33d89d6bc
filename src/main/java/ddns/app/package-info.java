/** Wires configuration, clients and service together, for the Lambda and the CLI alike. */
package ddns.app;
