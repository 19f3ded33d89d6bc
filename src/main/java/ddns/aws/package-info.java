/**
 * The adapters: one sub-package per AWS service, each class implementing ports and translating
 * between them and the SDK, deciding nothing. This package builds the SDK clients, the only place
 * that does.
 */
package ddns.aws;
