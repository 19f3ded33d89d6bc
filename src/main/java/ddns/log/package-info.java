/** Structured JSON log lines, with the invocation context on each line. */
package ddns.log;
