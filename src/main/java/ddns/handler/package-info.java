/** The Lambda entry point: decode, handle, answer. */
package ddns.handler;
