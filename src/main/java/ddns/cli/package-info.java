/** The ddns command line. */
package ddns.cli;
